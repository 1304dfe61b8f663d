/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* Live updates across instances (src/protocol/PROTOCOL.md "Events").
 *
 * Every instance keeps one PostgreSQL connection of its own that only
 * listens (LISTEN kontor_sync, kontor_revoke), watched on the main loop:
 * its socket readable, PQconsumeInput() then PQnotifies(). A push commits
 * NOTIFY kontor_sync '<workspace>:<last_seq>', delivered to every
 * instance after the commit and in commit order; each sends its websocket
 * subscribers {"type":"poke","seq":N}, at most one every 100 ms per socket
 * (a burst of pushes is one poke with the last number). A poke carries no
 * data: the client pulls, and the pull decides what it may see.
 *
 * When the listening connection breaks, it is made again with a growing
 * wait (1 s to 30 s), on a thread so that the main loop never waits for
 * it, LISTENs again and pokes every subscriber once, for the
 * notifications it may have missed meanwhile. A revoked session or
 * account (NOTIFY kontor_revoke 'account:<id>' or 'token:<sha256>') ends
 * its websockets with {"type":"bye","reason":"token_revoked"}. */

#define G_LOG_DOMAIN "kontor-server"

#include "config.h"

#include <gio/gio.h>
#include <glib-unix.h>
#include <libpq-fe.h>

#include "kontor-server-db.h"
#include "kontor-server-events.h"

#define POKE_INTERVAL_MS 100
#define PING_SECONDS     30
#define RETRY_MIN_MS     1000
#define RETRY_MAX_MS     30000

typedef struct
{
  KontorEvents            *events;
  SoupWebsocketConnection *connection;
  char                    *account_id;
  char                    *token_digest;
  gint64                   last_poke;      /* monotonic µs */
  gint64                   pending_seq;    /* to send when the interval is over, 0 none */
  guint                    poke_source;
} Subscriber;

struct _KontorEvents
{
  char      *conninfo;
  PGconn    *listener;
  guint      watch;
  guint      retry_source;
  guint      retry_ms;
  GPtrArray *subscribers;     /* Subscriber */
  gint64     last_seq;
  GCancellable *cancellable;  /* of a connect on its thread */
  gboolean   reconnect;       /* the connection broke: poke everyone once made */
};

static void connect_listener (KontorEvents *self);

static void
subscriber_free (gpointer data)
{
  Subscriber *subscriber = data;

  g_clear_handle_id (&subscriber->poke_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (subscriber->connection, subscriber);
  g_object_unref (subscriber->connection);
  g_free (subscriber->account_id);
  g_free (subscriber->token_digest);
  g_free (subscriber);
}

static void
send_poke (Subscriber *subscriber,
           gint64      seq)
{
  g_autofree char *text = g_strdup_printf ("{\"type\":\"poke\",\"seq\":%" G_GINT64_FORMAT "}",
                                           seq);

  if (soup_websocket_connection_get_state (subscriber->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  soup_websocket_connection_send_text (subscriber->connection, text);
  subscriber->last_poke = g_get_monotonic_time ();
}

static gboolean
send_pending_poke (gpointer data)
{
  Subscriber *subscriber = data;

  subscriber->poke_source = 0;
  send_poke (subscriber, subscriber->pending_seq);
  subscriber->pending_seq = 0;

  return G_SOURCE_REMOVE;
}

/* Pokes @subscriber now, or when its interval is over */
static void
poke (Subscriber *subscriber,
      gint64      seq)
{
  gint64 since_ms = (g_get_monotonic_time () - subscriber->last_poke) / 1000;

  if (subscriber->poke_source != 0)
    {
      subscriber->pending_seq = MAX (subscriber->pending_seq, seq);
      return;
    }

  if (subscriber->last_poke == 0 || since_ms >= POKE_INTERVAL_MS)
    {
      send_poke (subscriber, seq);
      return;
    }

  subscriber->pending_seq = seq;
  subscriber->poke_source = g_timeout_add (POKE_INTERVAL_MS - since_ms, send_pending_poke,
                                           subscriber);
}

static void
poke_all (KontorEvents *self,
          gint64        seq)
{
  for (guint i = 0; i < self->subscribers->len; i++)
    poke (g_ptr_array_index (self->subscribers, i), seq);
}

/* Ends the websockets of a revoked account ("account:<id>") or session
 * ("token:<sha256>") */
static void
revoke_sessions (KontorEvents *self,
                 const char   *payload)
{
  gboolean by_account = g_str_has_prefix (payload, "account:");
  const char *value = strchr (payload, ':');

  if (value == NULL)
    return;
  value++;

  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *subscriber = g_ptr_array_index (self->subscribers, i);

      if (g_strcmp0 (by_account ? subscriber->account_id : subscriber->token_digest, value) != 0 ||
          soup_websocket_connection_get_state (subscriber->connection) != SOUP_WEBSOCKET_STATE_OPEN)
        continue;

      soup_websocket_connection_send_text (subscriber->connection,
                                           "{\"type\":\"bye\",\"reason\":\"token_revoked\"}");
      soup_websocket_connection_close (subscriber->connection, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION,
                                       "token_revoked");
    }
}

static gboolean
retry_connect (gpointer data)
{
  KontorEvents *self = data;

  self->retry_source = 0;
  connect_listener (self);

  return G_SOURCE_REMOVE;
}

static void
drop_listener (KontorEvents *self)
{
  g_clear_handle_id (&self->watch, g_source_remove);
  g_clear_pointer (&self->listener, kontor_db_finish);

  self->reconnect = TRUE;
  self->retry_source = g_timeout_add (self->retry_ms, retry_connect, self);
  self->retry_ms = MIN (self->retry_ms * 2, RETRY_MAX_MS);
}

static gboolean
on_readable (int          fd,
             GIOCondition condition,
             gpointer     data)
{
  KontorEvents *self = data;
  PGnotify *notify;

  if (PQconsumeInput (self->listener) == 0)
    {
      g_warning ("The listening connection to PostgreSQL broke: %s",
                 PQerrorMessage (self->listener));
      self->watch = 0;
      drop_listener (self);
      return G_SOURCE_REMOVE;
    }

  while ((notify = PQnotifies (self->listener)) != NULL)
    {
      if (g_str_equal (notify->relname, "kontor_sync"))
        {
          const char *colon = strrchr (notify->extra, ':');
          gint64 seq = colon != NULL ? g_ascii_strtoll (colon + 1, NULL, 10) : 0;

          self->last_seq = MAX (self->last_seq, seq);
          poke_all (self, seq);
        }
      else if (g_str_equal (notify->relname, "kontor_revoke"))
        revoke_sessions (self, notify->extra);
      PQfreemem (notify);
    }

  return G_SOURCE_CONTINUE;
}

/* On a thread of its own: connecting may take long (a host that does not
 * answer), and the main thread serves every request meanwhile */
static void
connect_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  PGconn *conn = PQconnectdb (data);

  if (PQstatus (conn) == CONNECTION_OK)
    {
      PGresult *result = PQexec (conn, "LISTEN kontor_sync; LISTEN kontor_revoke");
      gboolean listening = PQresultStatus (result) == PGRES_COMMAND_OK;

      PQclear (result);
      if (listening)
        {
          PQsetnonblocking (conn, 1);
          g_task_return_pointer (task, conn, (GDestroyNotify) kontor_db_finish);
          return;
        }
    }

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (conn));
  kontor_db_finish (conn);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = g_task_propagate_pointer (G_TASK (result), &error);
  KontorEvents *self;

  /* freed meanwhile: @data is gone, the connection was closed by GTask */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = data;
  if (conn == NULL)
    {
      drop_listener (self);
      return;
    }

  self->listener = conn;
  self->watch = g_unix_fd_add (PQsocket (conn), G_IO_IN, on_readable, self);
  self->retry_ms = RETRY_MIN_MS;

  /* notifications may have been missed while it was down: everyone pulls */
  if (self->reconnect)
    poke_all (self, self->last_seq);
  self->reconnect = FALSE;
}

/* The listening connection, made on a thread; a failure is tried again
 * later (drop_listener()) */
static void
connect_listener (KontorEvents *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_connected, self);

  g_task_set_task_data (task, g_strdup (self->conninfo), g_free);
  g_task_run_in_thread (task, connect_in_thread);
}

/**
 * kontor_events_new:
 * @conninfo: the database's libpq connection string
 *
 * Returns: (transfer full): the instance's listener, listening (or trying
 *   to) on the thread-default main context
 */
KontorEvents *
kontor_events_new (const char *conninfo)
{
  KontorEvents *self = g_new0 (KontorEvents, 1);

  self->conninfo = g_strdup (conninfo);
  self->retry_ms = RETRY_MIN_MS;
  self->cancellable = g_cancellable_new ();
  self->subscribers = g_ptr_array_new_with_free_func (subscriber_free);
  connect_listener (self);

  return self;
}

static void
on_closed (SoupWebsocketConnection *connection,
           gpointer                 data)
{
  Subscriber *subscriber = data;

  g_ptr_array_remove (subscriber->events->subscribers, subscriber);
}

/**
 * kontor_events_subscribe:
 * @self: the listener
 * @connection: an open websocket of an authenticated client
 * @account_id: whose
 * @token_digest: the SHA-256 of the session's token
 *
 * Pokes @connection after every push until it closes.
 */
void
kontor_events_subscribe (KontorEvents            *self,
                         SoupWebsocketConnection *connection,
                         const char              *account_id,
                         const char              *token_digest)
{
  Subscriber *subscriber = g_new0 (Subscriber, 1);

  subscriber->events = self;
  subscriber->connection = g_object_ref (connection);
  subscriber->account_id = g_strdup (account_id);
  subscriber->token_digest = g_strdup (token_digest);
  soup_websocket_connection_set_keepalive_interval (connection, PING_SECONDS);
  g_signal_connect (connection, "closed", G_CALLBACK (on_closed), subscriber);
  g_ptr_array_add (self->subscribers, subscriber);
}

guint
kontor_events_get_n_subscribers (KontorEvents *self)
{
  return self->subscribers->len;
}

void
kontor_events_free (KontorEvents *self)
{
  if (self == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->watch, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_pointer (&self->listener, kontor_db_finish);
  g_ptr_array_unref (self->subscribers);
  g_free (self->conninfo);
  g_free (self);
}
