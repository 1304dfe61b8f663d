/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The window catches up with what another process wrote to its database:
 * a `kontor import` from a terminal, a script's (feature G5, src/README.md
 * "The command line"). Twice a second the main store asks SQLite whether
 * another connection committed (kontor_store_check_other_writers (), one
 * PRAGMA without I/O), and on a yes every list, the board and the open
 * pages refresh through the store's "changed". */

#define G_LOG_DOMAIN "kontor-store-watch"

#include "config.h"

#include "kontor-store-watch.h"

/* half a second: the window shows another process's commit within one */
#define POLL_INTERVAL_MS 500

typedef struct
{
  KontorStore *store;
  guint        source_id;
} Watch;

static void
watch_free (Watch *watch)
{
  g_clear_handle_id (&watch->source_id, g_source_remove);
  g_clear_object (&watch->store);
  g_free (watch);
}

static gboolean
on_poll_cb (gpointer data)
{
  Watch *watch = data;
  g_autoptr(GError) error = NULL;

  /* a failed look is tried again at the next tick; nothing was lost */
  if (!kontor_store_check_other_writers (watch->store, &error) && error != NULL)
    g_debug ("Could not look for other writers: %s", error->message);

  return G_SOURCE_CONTINUE;
}

static void
on_destroy_cb (GtkWidget *widget,
               gpointer   user_data)
{
  g_object_set_data (G_OBJECT (widget), "kontor-store-watch", NULL);
}

/**
 * kontor_store_watch_other_writers:
 * @widget: the window showing @store's records
 * @store: the main store
 *
 * Checks twice a second, for as long as @widget lives, whether another
 * process committed to @store's file, and has the store announce it.
 */
void
kontor_store_watch_other_writers (GtkWidget   *widget,
                                  KontorStore *store)
{
  Watch *watch;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KONTOR_IS_STORE (store));

  watch = g_new0 (Watch, 1);
  watch->store = g_object_ref (store);
  /* what is there now is what the window reads now */
  kontor_store_check_other_writers (store, NULL);
  watch->source_id = g_timeout_add (POLL_INTERVAL_MS, on_poll_cb, watch);
  g_source_set_name_by_id (watch->source_id, "[kontor] other writers");
  g_object_set_data_full (G_OBJECT (widget), "kontor-store-watch", watch,
                          (GDestroyNotify) watch_free);
  g_signal_connect (widget, "destroy", G_CALLBACK (on_destroy_cb), NULL);
}
