/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

/* The import engine (features I3, I5, X2; src/README.md "The import").
 *
 *   main thread                        worker
 *   plan_async ── source, match ────▶  own connection: stored keys once,
 *                                      read every row: failures, keys,
 *             ◀── progress (idle) ──   duplicates
 *   plan_finish ◀─ lists ──────────
 *   (the user changes actions)
 *   run_async ── decisions ─────────▶  KontorStoreJob: one transaction,
 *             ◀── progress (idle) ──   read again, write each row
 *   run_finish ◀─ ids, restores ───    → KontorImportOperation (applied)
 *
 * Per row only the decision is kept (line → duplicate), never the
 * contacts: 100,000 rows are read twice, one at a time. */

#define G_LOG_DOMAIN "kontor-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-channel.h"
#include "kontor-company.h"
#include "kontor-contact-merge-private.h"
#include "kontor-contact-rules.h"
#include "kontor-csv.h"
#include "kontor-import.h"
#include "kontor-import-operation.h"
#include "kontor-phone-key.h"
#include "kontor-record-rules.h"
#include "kontor-store-crud.h"
#include "kontor-store-db.h"
#include "kontor-store-employment.h"
#include "kontor-store-job.h"
#include "kontor-text.h"

/* Rows between two looks at the cancellable and two progress reports */
#define STEP_ROWS 128

/* An import this large (and at least as large as what is stored) makes
 * the list-order indexes anew at its end, as kontor_store_save_all() does */
#define BULK_INDEX_ROWS 10000

/* The page cache of the run's updates, in KiB as PRAGMA cache_size takes
 * it (see run_deferred()) */
#define UPDATE_CACHE_KIB -32768

/* ── KontorImportDuplicate ─────────────────────────────────────────── */

struct _KontorImportDuplicate
{
  GObject             parent_instance;

  guint               line;
  char               *shown;        /* what the list shows of the row, see shown_pack() */
  KontorContact      *contact;      /* made from it when first asked for */
  guint               other_line;   /* 0 for a stored contact */
  char               *other_id;     /* NULL for an earlier row */
  char               *other_name;
  KontorImportReason  reason;
  KontorImportAction  action;
  char               *second_id;    /* another stored contact the row matches */
  char               *second_name;
  KontorImportReason  second_reason;
  GStrv               foreign_emails;  /* the row's addresses other stored contacts have */
};

enum {
  DUP_PROP_0,
  DUP_PROP_ACTION,
  DUP_N_PROPS
};

static GParamSpec *dup_properties[DUP_N_PROPS];

G_DEFINE_FINAL_TYPE (KontorImportDuplicate, kontor_import_duplicate, G_TYPE_OBJECT)

static void
kontor_import_duplicate_finalize (GObject *object)
{
  KontorImportDuplicate *self = KONTOR_IMPORT_DUPLICATE (object);

  g_free (self->shown);
  g_clear_object (&self->contact);
  g_free (self->other_id);
  g_free (self->other_name);
  g_free (self->second_id);
  g_free (self->second_name);
  g_strfreev (self->foreign_emails);

  G_OBJECT_CLASS (kontor_import_duplicate_parent_class)->finalize (object);
}

static void
kontor_import_duplicate_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  KontorImportDuplicate *self = KONTOR_IMPORT_DUPLICATE (object);

  switch (prop_id)
    {
    case DUP_PROP_ACTION:
      g_value_set_int (value, self->action);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_import_duplicate_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KontorImportDuplicate *self = KONTOR_IMPORT_DUPLICATE (object);

  switch (prop_id)
    {
    case DUP_PROP_ACTION:
      kontor_import_duplicate_set_action (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_import_duplicate_class_init (KontorImportDuplicateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_import_duplicate_finalize;
  object_class->get_property = kontor_import_duplicate_get_property;
  object_class->set_property = kontor_import_duplicate_set_property;

  /* a KontorImportAction */
  dup_properties[DUP_PROP_ACTION] =
    g_param_spec_int ("action", NULL, NULL,
                      KONTOR_IMPORT_ACTION_CREATE, KONTOR_IMPORT_ACTION_SKIP,
                      KONTOR_IMPORT_ACTION_CREATE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, DUP_N_PROPS, dup_properties);
}

static void
kontor_import_duplicate_init (KontorImportDuplicate *self)
{
}

/**
 * kontor_import_duplicate_get_line:
 * @self: a duplicate
 *
 * Returns: the line of the row in the file
 */
guint
kontor_import_duplicate_get_line (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), 0);

  return self->line;
}

/* What the list shows of a row (names, company, city, birthday, the first
 * e-mail address and phone number), packed in one block: a KontorContact
 * holds a GValue for every field, about 1.5 KiB with its strings, and a
 * second import of 100,000 rows has as many duplicates. The block is the
 * salutation and the status (a byte each, one more than the value), then
 * SHOWN_N texts, each a '+' and the text or a '-' for none, ended by a
 * NUL. */
enum
{
  SHOWN_TITLE,
  SHOWN_FIRST_NAME,
  SHOWN_LAST_NAME,
  SHOWN_CITY,
  SHOWN_BIRTHDAY,
  SHOWN_COMPANY,
  SHOWN_EMAIL_LABEL,
  SHOWN_EMAIL,
  SHOWN_PHONE_LABEL,
  SHOWN_PHONE,
  SHOWN_N
};

G_STATIC_ASSERT (KONTOR_SALUTATION_MX < G_MAXUINT8 &&
                 KONTOR_CONTACT_STATUS_ARCHIVED < G_MAXUINT8);

static char *
shown_pack (KontorContact *contact)
{
  const char *texts[SHOWN_N] = { NULL };
  g_autoptr(GString) packed = g_string_new (NULL);
  GPtrArray *channels;

  texts[SHOWN_TITLE] = kontor_contact_get_title (contact);
  texts[SHOWN_FIRST_NAME] = kontor_contact_get_first_name (contact);
  texts[SHOWN_LAST_NAME] = kontor_contact_get_last_name (contact);
  texts[SHOWN_CITY] = kontor_contact_get_city (contact);
  texts[SHOWN_BIRTHDAY] = kontor_contact_get_birthday (contact);
  texts[SHOWN_COMPANY] = kontor_contact_get_company_name (contact);
  channels = kontor_contact_get_emails (contact);
  if (channels != NULL && channels->len > 0)
    {
      KontorChannel *channel = g_ptr_array_index (channels, 0);

      texts[SHOWN_EMAIL_LABEL] = channel->label;
      texts[SHOWN_EMAIL] = channel->value;
    }
  channels = kontor_contact_get_phones (contact);
  if (channels != NULL && channels->len > 0)
    {
      KontorChannel *channel = g_ptr_array_index (channels, 0);

      texts[SHOWN_PHONE_LABEL] = channel->label;
      texts[SHOWN_PHONE] = channel->value;
    }

  g_string_append_c (packed, (char) (1 + kontor_contact_get_salutation (contact)));
  g_string_append_c (packed, (char) (1 + kontor_contact_get_status (contact)));
  for (guint i = 0; i < SHOWN_N; i++)
    {
      g_string_append_c (packed, texts[i] != NULL ? '+' : '-');
      if (texts[i] != NULL)
        g_string_append (packed, texts[i]);
      g_string_append_c (packed, '\0');
    }

  /* exactly as long as it is, not the GString's rounded-up allocation */
  return g_memdup2 (packed->str, packed->len);
}

static KontorContact *
shown_unpack (const char *packed)
{
  KontorContact *contact = kontor_contact_new ();
  const char *texts[SHOWN_N];
  const char *p = packed + 2;

  for (guint i = 0; i < SHOWN_N; i++)
    {
      texts[i] = p[0] == '+' ? p + 1 : NULL;
      p += strlen (p) + 1;
    }

  kontor_contact_set_salutation (contact, (guchar) packed[0] - 1);
  kontor_contact_set_status (contact, (guchar) packed[1] - 1);
  kontor_contact_set_title (contact, texts[SHOWN_TITLE]);
  kontor_contact_set_first_name (contact, texts[SHOWN_FIRST_NAME]);
  kontor_contact_set_last_name (contact, texts[SHOWN_LAST_NAME]);
  kontor_contact_set_city (contact, texts[SHOWN_CITY]);
  kontor_contact_set_birthday (contact, texts[SHOWN_BIRTHDAY]);
  kontor_contact_set_company_name (contact, texts[SHOWN_COMPANY]);
  if (texts[SHOWN_EMAIL] != NULL)
    kontor_contact_add_email (contact, texts[SHOWN_EMAIL_LABEL], texts[SHOWN_EMAIL]);
  if (texts[SHOWN_PHONE] != NULL)
    kontor_contact_add_phone (contact, texts[SHOWN_PHONE_LABEL], texts[SHOWN_PHONE]);

  return contact;
}

/**
 * kontor_import_duplicate_get_contact:
 * @self: a duplicate
 *
 * Returns: (transfer none): what the list shows of the row, as it would
 *   be stored: names, company, city, birthday, the first e-mail address
 *   and phone number (the plan keeps no more of it)
 */
KontorContact *
kontor_import_duplicate_get_contact (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), NULL);

  /* made when asked for: the dialog shows the first rows only */
  if (self->contact == NULL && self->shown != NULL)
    self->contact = shown_unpack (self->shown);

  return self->contact;
}

/**
 * kontor_import_duplicate_get_other_line:
 * @self: a duplicate
 *
 * Returns: the line of the earlier row the row matches, 0 when it matches
 *   a stored contact
 */
guint
kontor_import_duplicate_get_other_line (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), 0);

  return self->other_line;
}

/**
 * kontor_import_duplicate_get_other_id:
 * @self: a duplicate
 *
 * Returns: (nullable): the id of the stored contact the row matches,
 *   %NULL when it matches an earlier row
 */
const char *
kontor_import_duplicate_get_other_id (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), NULL);

  return self->other_id;
}

/**
 * kontor_import_duplicate_get_other_name:
 * @self: a duplicate
 *
 * Returns: the name of the contact or earlier row the row matches
 */
const char *
kontor_import_duplicate_get_other_name (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), NULL);

  return self->other_name != NULL ? self->other_name : "";
}

/**
 * kontor_import_duplicate_get_second_id:
 * @self: a duplicate
 *
 * A row may match two stored contacts by different keys (the customer
 * number one's, the e-mail address another's): the run goes to the first
 * (kontor_import_duplicate_get_other_id()); this is the other.
 *
 * Returns: (nullable): the id of a second stored contact the row matches
 */
const char *
kontor_import_duplicate_get_second_id (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), NULL);

  return self->second_id;
}

/**
 * kontor_import_duplicate_get_second_name:
 * @self: a duplicate
 *
 * Returns: (nullable): the name of the second stored contact, %NULL when
 *   there is none
 */
const char *
kontor_import_duplicate_get_second_name (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), NULL);

  return self->second_id != NULL ? self->second_name : NULL;
}

/**
 * kontor_import_duplicate_get_second_reason:
 * @self: a duplicate with a second stored contact
 *
 * Returns: why the row matches the second stored contact
 */
KontorImportReason
kontor_import_duplicate_get_second_reason (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), KONTOR_IMPORT_REASON_EMAIL);

  return self->second_reason;
}

KontorImportReason
kontor_import_duplicate_get_reason (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), KONTOR_IMPORT_REASON_EMAIL);

  return self->reason;
}

/**
 * kontor_import_reason_to_string:
 * @reason: why two contacts are taken for one
 *
 * Returns: what the duplicate list says about it, translated
 */
const char *
kontor_import_reason_to_string (KontorImportReason reason)
{
  switch (reason)
    {
    case KONTOR_IMPORT_REASON_EMAIL:
      return _("Same e-mail address");
    case KONTOR_IMPORT_REASON_PHONE:
      return _("Same phone number");
    case KONTOR_IMPORT_REASON_NAME_COMPANY:
      return _("Same name and company");
    case KONTOR_IMPORT_REASON_CUSTOMER_NUMBER:
      return _("Same customer number");
    default:
      g_return_val_if_reached ("");
    }
}

KontorImportAction
kontor_import_duplicate_get_action (KontorImportDuplicate *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self), KONTOR_IMPORT_ACTION_SKIP);

  return self->action;
}

/**
 * kontor_import_duplicate_set_action:
 * @self: a duplicate
 * @action: what the run does with the row
 *
 * Chooses what happens to this row; call it between the plan and the run.
 */
void
kontor_import_duplicate_set_action (KontorImportDuplicate *self,
                                    KontorImportAction     action)
{
  g_return_if_fail (KONTOR_IS_IMPORT_DUPLICATE (self));
  g_return_if_fail (action <= KONTOR_IMPORT_ACTION_SKIP);

  if (self->action == action)
    return;

  self->action = action;
  g_object_notify_by_pspec (G_OBJECT (self), dup_properties[DUP_PROP_ACTION]);
}

/* ── KontorImportFailure ───────────────────────────────────────────── */

struct _KontorImportFailure
{
  GObject  parent_instance;

  guint    line;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (KontorImportFailure, kontor_import_failure, G_TYPE_OBJECT)

static void
kontor_import_failure_finalize (GObject *object)
{
  KontorImportFailure *self = KONTOR_IMPORT_FAILURE (object);

  g_free (self->reason);

  G_OBJECT_CLASS (kontor_import_failure_parent_class)->finalize (object);
}

static void
kontor_import_failure_class_init (KontorImportFailureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kontor_import_failure_finalize;
}

static void
kontor_import_failure_init (KontorImportFailure *self)
{
}

static KontorImportFailure *
failure_new (guint       line,
             const char *reason)
{
  KontorImportFailure *self = g_object_new (KONTOR_TYPE_IMPORT_FAILURE, NULL);

  self->line = line;
  self->reason = g_strdup (reason);

  return self;
}

guint
kontor_import_failure_get_line (KontorImportFailure *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_FAILURE (self), 0);

  return self->line;
}

/**
 * kontor_import_failure_get_reason:
 * @self: a failure
 *
 * Returns: why the row cannot be imported, translated
 */
const char *
kontor_import_failure_get_reason (KontorImportFailure *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_FAILURE (self), NULL);

  return self->reason;
}

/* ── KontorImportCompanyMatch ──────────────────────────────────────── */

struct _KontorImportCompanyMatch
{
  GObject  parent_instance;

  guint    line;
  char    *name;
  char    *company_name;
};

G_DEFINE_FINAL_TYPE (KontorImportCompanyMatch, kontor_import_company_match, G_TYPE_OBJECT)

static void
kontor_import_company_match_finalize (GObject *object)
{
  KontorImportCompanyMatch *self = KONTOR_IMPORT_COMPANY_MATCH (object);

  g_free (self->name);
  g_free (self->company_name);

  G_OBJECT_CLASS (kontor_import_company_match_parent_class)->finalize (object);
}

static void
kontor_import_company_match_class_init (KontorImportCompanyMatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kontor_import_company_match_finalize;
}

static void
kontor_import_company_match_init (KontorImportCompanyMatch *self)
{
}

static KontorImportCompanyMatch *
company_match_new (guint       line,
                   const char *name,
                   const char *company_name)
{
  KontorImportCompanyMatch *self = g_object_new (KONTOR_TYPE_IMPORT_COMPANY_MATCH, NULL);

  self->line = line;
  self->name = g_strdup (name);
  self->company_name = g_strdup (company_name);

  return self;
}

/**
 * kontor_import_company_match_get_line:
 * @self: a company match
 *
 * Returns: the line of the first row naming the company so
 */
guint
kontor_import_company_match_get_line (KontorImportCompanyMatch *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_COMPANY_MATCH (self), 0);

  return self->line;
}

/**
 * kontor_import_company_match_get_name:
 * @self: a company match
 *
 * Returns: the company's name as the file writes it ("Stahl")
 */
const char *
kontor_import_company_match_get_name (KontorImportCompanyMatch *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_COMPANY_MATCH (self), NULL);

  return self->name;
}

/**
 * kontor_import_company_match_get_company_name:
 * @self: a company match
 *
 * Returns: the name of the company the rows go to ("Stahl AG"), stored
 *   or made by an earlier row
 */
const char *
kontor_import_company_match_get_company_name (KontorImportCompanyMatch *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT_COMPANY_MATCH (self), NULL);

  return self->company_name;
}

/* ── KontorImport ──────────────────────────────────────────────────── */

struct _KontorImport
{
  GObject             parent_instance;

  KontorStore        *store;
  KontorImportSource *source;
  KontorImportMode    mode;
  KontorImportMatch   match;

  /* on the main thread */
  double              progress;
  guint               n_done;
  gboolean            busy;        /* a plan or a run is going on */
  gboolean            planned;
  guint               n_rows;
  guint               n_planned;   /* rows and rows that cannot be read */
  GListStore         *duplicates;
  GListStore         *failures;
  GListStore         *company_matches;
  GHashTable         *duplicate_lines;   /* line → KontorImportDuplicate (borrowed) */
  GHashTable         *failed_lines;      /* lines */
  char               *opened_stamp;      /* the file as the plan read it */
  char               *stamp;
  guint               n_created;
  guint               n_updated;
  guint               n_skipped;

  /* progress from a worker to the thread that started it */
  GMutex              mutex;
  GMainContext       *context;
  gboolean            in_thread;
  double              posted_progress;
  guint               posted_done;
  gboolean            delivering;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_MATCH,
  PROP_PROGRESS,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorImport, kontor_import, G_TYPE_OBJECT)

static void
set_progress_now (KontorImport *self,
                  double        progress,
                  guint         n_done)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (self->n_done != n_done)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
deliver_progress (gpointer data)
{
  KontorImport *self = data;
  double progress;
  guint n_done;

  g_mutex_lock (&self->mutex);
  progress = self->posted_progress;
  n_done = self->posted_done;
  self->delivering = FALSE;
  g_mutex_unlock (&self->mutex);

  /* late news of a plan or run that has ended */
  if (self->busy)
    set_progress_now (self, progress, n_done);

  return G_SOURCE_REMOVE;
}

/* From the worker (or the caller's thread for the blocking variants):
 * at most one update on its way to the main context at a time */
static void
post_progress (KontorImport *self,
               double        progress,
               guint         n_done)
{
  gboolean deliver = FALSE;

  progress = CLAMP (progress, 0.0, 1.0);

  if (!self->in_thread)
    {
      set_progress_now (self, progress, n_done);
      return;
    }

  g_mutex_lock (&self->mutex);
  self->posted_progress = progress;
  self->posted_done = n_done;
  if (!self->delivering)
    deliver = self->delivering = TRUE;
  g_mutex_unlock (&self->mutex);

  if (deliver)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[kontor] import progress");
      g_source_attach (source, self->context);
    }
}

static double
source_fraction (KontorImportSource *source)
{
  goffset size = kontor_import_source_get_size (source);

  if (size <= 0)
    return 0.0;

  return (double) kontor_import_source_get_position (source) / (double) size;
}

static void
start_busy (KontorImport *self,
            gboolean      in_thread)
{
  /* the plan and the run read and write on connections of their own,
   * without a memory map; what the app's connection's map holds of
   * earlier reads (a list of 100,000 contacts, an undo) goes, so that the
   * process's resident memory during an import is the import's */
  _kontor_store_release_map (self->store);

  self->busy = TRUE;
  self->in_thread = in_thread;
  self->delivering = FALSE;
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  set_progress_now (self, 0.0, 0);
}

static void
end_busy (KontorImport *self,
          gboolean      done)
{
  self->busy = FALSE;
  if (done)
    set_progress_now (self, 1.0, self->n_done);
}

static void
kontor_import_finalize (GObject *object)
{
  KontorImport *self = KONTOR_IMPORT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->source);
  g_clear_object (&self->duplicates);
  g_clear_object (&self->failures);
  g_clear_object (&self->company_matches);
  g_clear_pointer (&self->duplicate_lines, g_hash_table_unref);
  g_clear_pointer (&self->failed_lines, g_hash_table_unref);
  g_free (self->opened_stamp);
  g_free (self->stamp);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kontor_import_parent_class)->finalize (object);
}

static void
kontor_import_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KontorImport *self = KONTOR_IMPORT (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;

    case PROP_MATCH:
      g_value_set_int (value, self->match);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_import_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KontorImport *self = KONTOR_IMPORT (object);

  switch (prop_id)
    {
    case PROP_MODE:
      kontor_import_set_mode (self, g_value_get_int (value));
      break;

    case PROP_MATCH:
      kontor_import_set_match (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_import_class_init (KontorImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_import_finalize;
  object_class->get_property = kontor_import_get_property;
  object_class->set_property = kontor_import_set_property;

  /* a KontorImportMode */
  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL,
                      KONTOR_IMPORT_MODE_CREATE, KONTOR_IMPORT_MODE_SKIP,
                      KONTOR_IMPORT_MODE_CREATE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* a KontorImportMatch */
  properties[PROP_MATCH] =
    g_param_spec_int ("match", NULL, NULL,
                      KONTOR_IMPORT_MATCH_ANY, KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER,
                      KONTOR_IMPORT_MATCH_ANY,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_import_init (KontorImport *self)
{
  g_mutex_init (&self->mutex);
  self->mode = KONTOR_IMPORT_MODE_CREATE;
  self->match = KONTOR_IMPORT_MATCH_ANY;
  self->duplicates = g_list_store_new (KONTOR_TYPE_IMPORT_DUPLICATE);
  self->failures = g_list_store_new (KONTOR_TYPE_IMPORT_FAILURE);
  self->company_matches = g_list_store_new (KONTOR_TYPE_IMPORT_COMPANY_MATCH);
  self->duplicate_lines = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->failed_lines = g_hash_table_new (g_direct_hash, g_direct_equal);
}

/**
 * kontor_import_new:
 * @store: the store to import into (the main thread's)
 * @source: the file's contacts
 *
 * Returns: (transfer full): an import, to plan and then to run
 */
KontorImport *
kontor_import_new (KontorStore        *store,
                   KontorImportSource *source)
{
  KontorImport *self;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_IMPORT_SOURCE (source), NULL);

  self = g_object_new (KONTOR_TYPE_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->source = g_object_ref (source);

  return self;
}

KontorImportSource *
kontor_import_get_source (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), NULL);

  return self->source;
}

KontorImportMode
kontor_import_get_mode (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), KONTOR_IMPORT_MODE_CREATE);

  return self->mode;
}

static KontorImportAction
action_for_mode (KontorImportMode mode)
{
  switch (mode)
    {
    case KONTOR_IMPORT_MODE_CREATE:
      return KONTOR_IMPORT_ACTION_CREATE;
    case KONTOR_IMPORT_MODE_UPDATE:
      return KONTOR_IMPORT_ACTION_UPDATE;
    case KONTOR_IMPORT_MODE_SKIP:
    default:
      return KONTOR_IMPORT_ACTION_SKIP;
    }
}

/**
 * kontor_import_set_mode:
 * @self: an import
 * @mode: what to do with rows matching stored contacts
 *
 * After a plan, every duplicate of a stored contact takes the mode's
 * action (those of earlier rows keep theirs).
 */
void
kontor_import_set_mode (KontorImport     *self,
                        KontorImportMode  mode)
{
  guint n;

  g_return_if_fail (KONTOR_IS_IMPORT (self));
  g_return_if_fail (mode <= KONTOR_IMPORT_MODE_SKIP);
  g_return_if_fail (!self->busy);

  if (self->mode == mode)
    return;

  self->mode = mode;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->duplicates));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KontorImportDuplicate) duplicate =
        g_list_model_get_item (G_LIST_MODEL (self->duplicates), i);

      if (duplicate->other_id != NULL)
        kontor_import_duplicate_set_action (duplicate, action_for_mode (mode));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

KontorImportMatch
kontor_import_get_match (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), KONTOR_IMPORT_MATCH_ANY);

  return self->match;
}

/**
 * kontor_import_set_match:
 * @self: an import
 * @match: which values make a row a duplicate
 *
 * Takes effect with the next plan: plan again after changing it.
 */
void
kontor_import_set_match (KontorImport      *self,
                         KontorImportMatch  match)
{
  g_return_if_fail (KONTOR_IS_IMPORT (self));
  g_return_if_fail (match <= KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER);
  g_return_if_fail (!self->busy);

  if (self->match == match)
    return;

  self->match = match;
  self->planned = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH]);
}

/**
 * kontor_import_get_progress:
 * @self: an import
 *
 * Returns: how much of the file the plan or the run has read, 0 to 1
 */
double
kontor_import_get_progress (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), 0.0);

  return self->progress;
}

/**
 * kontor_import_get_n_done:
 * @self: an import
 *
 * Returns: the rows the plan or the run has read so far
 */
guint
kontor_import_get_n_done (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), 0);

  return self->n_done;
}

/* ── Match keys ────────────────────────────────────────────────────── */

/* Keys carry a one-letter prefix of their kind, so that one table holds
 * them all: e e-mail, p phone, n name and company, c customer number */

static char *
email_key (const char *address)
{
  g_autofree char *trimmed = address != NULL ? g_strstrip (g_strdup (address)) : NULL;
  g_autofree char *folded = NULL;

  if (trimmed == NULL || trimmed[0] == '\0')
    return NULL;

  folded = g_utf8_casefold (trimmed, -1);

  return g_strconcat ("e", folded, NULL);
}

static char *
phone_key (const char *number)
{
  g_autofree char *key = kontor_phone_match_key (number, NULL);

  return key != NULL ? g_strconcat ("p", key, NULL) : NULL;
}

/* @company_id: the stored company's id, or for a company the import
 * makes, what the plan calls it (see "Companies" below) */
static char *
name_company_key (const char *first_name,
                  const char *last_name,
                  const char *company_id)
{
  g_autofree char *name = g_strjoin (" ", first_name != NULL ? first_name : "",
                                     last_name != NULL ? last_name : "", NULL);
  g_autofree char *name_key = kontor_text_match_key (name);

  if (name_key[0] == '\0' || company_id == NULL || company_id[0] == '\0')
    return NULL;

  return g_strconcat ("n", name_key, "\x1f", company_id, NULL);
}

static char *
number_key (const char *number)
{
  g_autofree char *trimmed = number != NULL ? g_strstrip (g_strdup (number)) : NULL;

  return trimmed != NULL && trimmed[0] != '\0' ? g_strconcat ("c", trimmed, NULL) : NULL;
}

static gboolean
match_uses (KontorImportMatch  match,
            KontorImportReason reason)
{
  switch (match)
    {
    case KONTOR_IMPORT_MATCH_ANY:
      return TRUE;
    case KONTOR_IMPORT_MATCH_EMAIL:
      return reason == KONTOR_IMPORT_REASON_EMAIL;
    case KONTOR_IMPORT_MATCH_PHONE:
      return reason == KONTOR_IMPORT_REASON_PHONE;
    case KONTOR_IMPORT_MATCH_CUSTOMER_NUMBER:
      return reason == KONTOR_IMPORT_REASON_CUSTOMER_NUMBER;
    default:
      g_return_val_if_reached (FALSE);
    }
}

typedef struct
{
  KontorImportReason  reason;
  char               *key;
} RowKey;

static void
row_key_clear (gpointer data)
{
  RowKey *key = data;

  g_free (key->key);
}

/* The keys of @contact @match uses, in the order they are tried: the
 * customer number first (one contact by definition), then e-mail, phone,
 * name and company */
static GArray *
row_keys (KontorContact     *contact,
          const char        *company_id,
          KontorImportMatch  match)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (RowKey));
  GPtrArray *channels;
  RowKey key;

  g_array_set_clear_func (keys, row_key_clear);

  if (match_uses (match, KONTOR_IMPORT_REASON_CUSTOMER_NUMBER) &&
      (key.key = number_key (kontor_contact_get_customer_number (contact))) != NULL)
    {
      key.reason = KONTOR_IMPORT_REASON_CUSTOMER_NUMBER;
      g_array_append_val (keys, key);
    }

  channels = kontor_contact_get_emails (contact);
  for (guint i = 0; match_uses (match, KONTOR_IMPORT_REASON_EMAIL) && channels != NULL &&
       i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);

      if ((key.key = email_key (channel->value)) != NULL)
        {
          key.reason = KONTOR_IMPORT_REASON_EMAIL;
          g_array_append_val (keys, key);
        }
    }

  channels = kontor_contact_get_phones (contact);
  for (guint i = 0; match_uses (match, KONTOR_IMPORT_REASON_PHONE) && channels != NULL &&
       i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);

      if ((key.key = phone_key (channel->value)) != NULL)
        {
          key.reason = KONTOR_IMPORT_REASON_PHONE;
          g_array_append_val (keys, key);
        }
    }

  if (match_uses (match, KONTOR_IMPORT_REASON_NAME_COMPANY) &&
      (key.key = name_company_key (kontor_contact_get_first_name (contact),
                                   kontor_contact_get_last_name (contact),
                                   company_id)) != NULL)
    {
      key.reason = KONTOR_IMPORT_REASON_NAME_COMPANY;
      g_array_append_val (keys, key);
    }

  return keys;
}

/* ── Companies ─────────────────────────────────────────────────────── */

/* Which company a row's company name is, the same for the plan's
 * name-and-company key and the run's link (src/README.md "The import"):
 * the exact name (kontor_text_match_key(): umlauts and case folded, the
 * legal form kept) first; else the name without its legal form
 * (kontor_company_match_key()), but only when exactly one company has
 * that and the legal forms do not differ ("Stahl" is "Stahl AG", "Müller
 * GmbH" is "Mueller GmbH & Co. KG", "Müller AG" is not "Müller GmbH"). */

typedef struct
{
  char  *id;
  char  *exact;   /* its kontor_text_match_key() */
  char  *name;
  guint  count;   /* companies of this key with different exact names */
} FoldedCompany;

typedef struct
{
  GHashTable *exact;    /* exact key → id */
  GHashTable *folded;   /* folded key → FoldedCompany */
} CompanyIndex;

static void
folded_company_free (gpointer data)
{
  FoldedCompany *folded = data;

  g_free (folded->id);
  g_free (folded->exact);
  g_free (folded->name);
  g_free (folded);
}

static void
company_index_init (CompanyIndex *index)
{
  index->exact = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, folded_company_free);
}

static void
company_index_clear (CompanyIndex *index)
{
  g_clear_pointer (&index->exact, g_hash_table_unref);
  g_clear_pointer (&index->folded, g_hash_table_unref);
}

/* Whether a company name is one: "-" or "/" has no letter or digit and
 * names no company */
static gboolean
company_name_is_empty (const char *name)
{
  g_autofree char *key = kontor_company_match_key (name);

  return key[0] == '\0';
}

static void
company_index_add (CompanyIndex *index,
                   const char   *name,
                   const char   *id)
{
  g_autofree char *exact = kontor_text_match_key (name);
  g_autofree char *key = kontor_company_match_key (name);
  FoldedCompany *folded;

  if (key[0] == '\0')
    return;

  if (!g_hash_table_contains (index->exact, exact))
    g_hash_table_insert (index->exact, g_strdup (exact), g_strdup (id));

  folded = g_hash_table_lookup (index->folded, key);
  if (folded == NULL)
    {
      folded = g_new0 (FoldedCompany, 1);
      folded->id = g_strdup (id);
      folded->exact = g_strdup (exact);
      folded->name = g_strdup (name);
      folded->count = 1;
      g_hash_table_insert (index->folded, g_steal_pointer (&key), folded);
    }
  else if (!g_str_equal (folded->exact, exact))
    folded->count++;
}

/* The legal forms of two names of one folded key: the same, or one
 * without, or one the start of the other ("GmbH", "GmbH & Co. KG") */
static gboolean
legal_forms_agree (const char *exact,
                   const char *other_exact,
                   const char *key)
{
  const char *form = exact + strlen (key);
  const char *other_form = other_exact + strlen (key);

  while (*form == ' ')
    form++;
  while (*other_form == ' ')
    other_form++;

  return form[0] == '\0' || other_form[0] == '\0' ||
         g_str_has_prefix (form, other_form) || g_str_has_prefix (other_form, form);
}

/* The id of the company @name is, or %NULL; @fuzzy_name set to the
 * company's name when it is by the name without the legal form */
static const char *
company_index_find (CompanyIndex  *index,
                    const char    *name,
                    const char   **fuzzy_name)
{
  g_autofree char *exact = kontor_text_match_key (name);
  g_autofree char *key = NULL;
  const char *id = g_hash_table_lookup (index->exact, exact);
  FoldedCompany *folded;

  if (fuzzy_name != NULL)
    *fuzzy_name = NULL;
  if (id != NULL)
    return id;

  key = kontor_company_match_key (name);
  folded = g_hash_table_lookup (index->folded, key);
  if (folded == NULL || folded->count != 1 ||
      !legal_forms_agree (exact, folded->exact, key))
    return NULL;

  if (fuzzy_name != NULL)
    *fuzzy_name = folded->name;

  return folded->id;
}

static gboolean
company_index_load (CompanyIndex  *index,
                    KontorStore   *connection,
                    GError       **error)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (connection, "SELECT id, name FROM company "
                                              "ORDER BY created_at, id", error);
  int result;

  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (connection, stmt, error)) == 1)
    company_index_add (index, (const char *) sqlite3_column_text (stmt, 1),
                       (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return result == 0;
}

/* ── The plan ──────────────────────────────────────────────────────── */

/* What a plan works with on its thread and brings back */
typedef struct
{
  KontorImport      *import;       /* for progress only */
  KontorImportSource *source;
  char              *path;
  char              *client_id;
  char              *user_id;
  KontorImportMode   mode;
  KontorImportMatch  match;
  GCancellable      *cancellable;

  /* the stored contacts' keys and the earlier rows' */
  GStringChunk      *strings;
  GHashTable        *stored;       /* key → contact id (in strings) */
  GHashTable        *file;         /* key → line */
  GHashTable        *row_names;    /* line → name (in strings), of rows with keys */
  GHashTable        *company_numbers;  /* number key → company name (in strings) */
  CompanyIndex       companies;    /* stored ones by id, the file's new ones by "+" key */
  GHashTable        *fuzzy_names;  /* company names listed as matched by the folded key */

  /* results */
  guint              n_read;       /* rows and rows that cannot be read */
  guint              n_rows;
  GPtrArray         *duplicates;   /* KontorImportDuplicate */
  GPtrArray         *failures;     /* KontorImportFailure */
  GPtrArray         *company_matches;  /* KontorImportCompanyMatch */
  char              *opened_stamp;
  char              *stamp;
} Plan;

static void
plan_free (gpointer data)
{
  Plan *plan = data;

  g_clear_object (&plan->import);
  g_clear_object (&plan->source);
  g_free (plan->path);
  g_free (plan->client_id);
  g_free (plan->user_id);
  g_clear_object (&plan->cancellable);
  g_clear_pointer (&plan->strings, g_string_chunk_free);
  g_clear_pointer (&plan->stored, g_hash_table_unref);
  g_clear_pointer (&plan->file, g_hash_table_unref);
  g_clear_pointer (&plan->row_names, g_hash_table_unref);
  g_clear_pointer (&plan->company_numbers, g_hash_table_unref);
  company_index_clear (&plan->companies);
  g_clear_pointer (&plan->fuzzy_names, g_hash_table_unref);
  g_clear_pointer (&plan->company_matches, g_ptr_array_unref);
  g_free (plan->opened_stamp);
  g_free (plan->stamp);
  g_clear_pointer (&plan->duplicates, g_ptr_array_unref);
  g_clear_pointer (&plan->failures, g_ptr_array_unref);
  g_free (plan);
}

static void
add_stored_key (Plan       *plan,
                char       *key,      /* taken */
                const char *id)
{
  if (key == NULL)
    return;

  if (!g_hash_table_contains (plan->stored, key))
    g_hash_table_insert (plan->stored, g_string_chunk_insert (plan->strings, key), (gpointer) id);
  g_free (key);
}

/* The keys of every stored contact, once: a few hash tables instead of a
 * query per row */
static gboolean
load_stored_keys (Plan         *plan,
                  KontorStore  *connection,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  int result;

  /* customer numbers are unique among contacts and companies
   * (_kontor_store_check_customer_number()): a company's is taken too */
  stmt = _kontor_store_prepare (connection,
                                "SELECT customer_number, name FROM company "
                                "WHERE customer_number IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((result = _kontor_store_step (connection, stmt, error)) == 1)
    {
      g_autofree char *key = number_key ((const char *) sqlite3_column_text (stmt, 0));
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (key != NULL && !g_hash_table_contains (plan->company_numbers, key))
        g_hash_table_insert (plan->company_numbers, g_string_chunk_insert (plan->strings, key),
                             g_string_chunk_insert (plan->strings, name != NULL ? name : ""));
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  if (!company_index_load (&plan->companies, connection, error))
    return FALSE;

  stmt = _kontor_store_prepare (connection,
                                "SELECT c.id, c.first_name, c.last_name, c.company_id, "
                                "c.customer_number FROM contact c", error);
  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (connection, stmt, error)) == 1)
    {
      const char *id = g_string_chunk_insert_const (plan->strings,
                                                    (const char *) sqlite3_column_text (stmt, 0));

      /* a customer number is always loaded: another row may not take it */
      add_stored_key (plan, number_key ((const char *) sqlite3_column_text (stmt, 4)), id);
      /* the name at the stored company is by its id */
      if (match_uses (plan->match, KONTOR_IMPORT_REASON_NAME_COMPANY))
        add_stored_key (plan, name_company_key ((const char *) sqlite3_column_text (stmt, 1),
                                                (const char *) sqlite3_column_text (stmt, 2),
                                                (const char *) sqlite3_column_text (stmt, 3)),
                        id);
    }
  sqlite3_reset (stmt);
  if (result < 0)
    return FALSE;

  /* e-mail addresses always: an update adds none another contact has */
  stmt = _kontor_store_prepare (connection,
                                match_uses (plan->match, KONTOR_IMPORT_REASON_PHONE) ?
                                "SELECT owner_id, kind, value FROM contact_channel" :
                                "SELECT owner_id, kind, value FROM contact_channel "
                                "WHERE kind = 0", error);
  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (connection, stmt, error)) == 1)
    {
      const char *id = g_string_chunk_insert_const (plan->strings,
                                                    (const char *) sqlite3_column_text (stmt, 0));
      const char *value = (const char *) sqlite3_column_text (stmt, 2);

      if (sqlite3_column_int (stmt, 1) == KONTOR_CHANNEL_KIND_EMAIL)
        add_stored_key (plan, email_key (value), id);
      else if (match_uses (plan->match, KONTOR_IMPORT_REASON_PHONE))
        add_stored_key (plan, phone_key (value), id);
    }
  sqlite3_reset (stmt);

  return result == 0;
}

static char *
dup_stored_name (KontorStore  *connection,
                 const char   *id)
{
  sqlite3_stmt *stmt = _kontor_store_prepare (connection,
                                              "SELECT trim(coalesce(first_name, '') || ' ' || "
                                              "coalesce(last_name, '')) FROM contact "
                                              "WHERE id = ?1", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  _kontor_store_step_one (connection, stmt, NULL, &name, NULL);

  return name;
}

/* A row as the run will store it: in the Inbox (feature C4), without a
 * birthday the team does not keep (src/README.md "Birthdays": the
 * importer drops what the model refuses) */
static void
prepare_row (KontorContact *contact,
             gboolean       keep_birthdays)
{
  const char *company = kontor_contact_get_company_name (contact);

  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_INBOX);
  if (!kontor_contact_check_birthday (contact, keep_birthdays, NULL))
    kontor_contact_set_birthday (contact, NULL);
  /* "-" or "/" in the company column names no company: dropped, so that
   * neither the import nor the store makes one */
  if (company != NULL && company_name_is_empty (company))
    kontor_contact_set_company_name (contact, NULL);
}

static char *
dup_row_name (KontorContact *contact)
{
  return kontor_record_dup_display_name (KONTOR_RECORD (contact));
}

/* The company the run links @contact to: a stored one's id, or for one
 * the run will make, "+" and its exact key, taken into the index as the
 * run will (so later rows find it); fuzzy matches are listed once */
static const char *
plan_company (Plan          *plan,
              KontorContact *contact,
              guint          line)
{
  const char *name = kontor_contact_get_company_name (contact);
  const char *fuzzy = NULL;
  const char *id;

  if (name == NULL)
    return NULL;

  id = company_index_find (&plan->companies, name, &fuzzy);
  if (id == NULL)
    {
      g_autofree char *exact = kontor_text_match_key (name);
      g_autofree char *made = g_strconcat ("+", exact, NULL);

      company_index_add (&plan->companies, name, made);
      return company_index_find (&plan->companies, name, NULL);
    }

  if (fuzzy != NULL && g_hash_table_add (plan->fuzzy_names, kontor_text_match_key (name)))
    g_ptr_array_add (plan->company_matches, company_match_new (line, name, fuzzy));

  return id;
}

/* @key in the plan's strings: a row's key is most often a stored
 * contact's too (a second import of a file: every one), and that copy
 * is taken rather than made again */
static const char *
plan_key (Plan       *plan,
          const char *key)
{
  gpointer stored_key;

  if (g_hash_table_lookup_extended (plan->stored, key, &stored_key, NULL))
    return stored_key;

  return g_string_chunk_insert (plan->strings, key);
}

/* One row of the plan: a failure, a duplicate, or a new contact */
static void
plan_row (Plan          *plan,
          KontorStore   *connection,
          KontorContact *contact,
          guint          line,
          gboolean       keep_birthdays)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autofree char *number = NULL;
  g_autofree char *taken_name = NULL;
  KontorImportDuplicate *duplicate = NULL;
  const char *taken_by = NULL;

  prepare_row (contact, keep_birthdays);
  if (!kontor_record_validate (KONTOR_RECORD (contact), NULL, &local_error))
    {
      g_ptr_array_add (plan->failures, failure_new (line, local_error->message));
      return;
    }

  keys = row_keys (contact, plan_company (plan, contact, line), plan->match);

  for (guint i = 0; duplicate == NULL && i < keys->len; i++)
    {
      RowKey *key = &g_array_index (keys, RowKey, i);
      const char *id = g_hash_table_lookup (plan->stored, key->key);

      if (id == NULL)
        continue;
      duplicate = g_object_new (KONTOR_TYPE_IMPORT_DUPLICATE, NULL);
      duplicate->other_id = g_strdup (id);
      duplicate->other_name = dup_stored_name (connection, id);
      duplicate->reason = key->reason;
      duplicate->action = action_for_mode (plan->mode);
    }

  /* the row's other keys may name other stored contacts: the first is
   * listed, and no address of theirs is copied to the matched one */
  if (duplicate != NULL)
    {
      g_autoptr(GStrvBuilder) foreign = g_strv_builder_new ();
      g_autoptr(GArray) emails = row_keys (contact, NULL, KONTOR_IMPORT_MATCH_EMAIL);
      gboolean any = FALSE;

      for (guint i = 0; duplicate->second_id == NULL && i < keys->len; i++)
        {
          RowKey *key = &g_array_index (keys, RowKey, i);
          const char *id = g_hash_table_lookup (plan->stored, key->key);

          if (id != NULL && !g_str_equal (id, duplicate->other_id))
            {
              duplicate->second_id = g_strdup (id);
              duplicate->second_name = dup_stored_name (connection, id);
              duplicate->second_reason = key->reason;
            }
        }

      for (guint i = 0; i < emails->len; i++)
        {
          RowKey *key = &g_array_index (emails, RowKey, i);
          const char *id = g_hash_table_lookup (plan->stored, key->key);

          if (id != NULL && !g_str_equal (id, duplicate->other_id))
            {
              g_strv_builder_add (foreign, key->key);
              any = TRUE;
            }
        }
      if (any)
        duplicate->foreign_emails = g_strv_builder_end (foreign);
    }

  for (guint i = 0; duplicate == NULL && i < keys->len; i++)
    {
      RowKey *key = &g_array_index (keys, RowKey, i);
      guint other = GPOINTER_TO_UINT (g_hash_table_lookup (plan->file, key->key));

      if (other == 0)
        continue;
      duplicate = g_object_new (KONTOR_TYPE_IMPORT_DUPLICATE, NULL);
      duplicate->other_line = other;
      duplicate->other_name = g_strdup (g_hash_table_lookup (plan->row_names,
                                                             GUINT_TO_POINTER (other)));
      duplicate->reason = key->reason;
      duplicate->action = KONTOR_IMPORT_ACTION_MERGE;
    }

  /* A customer number belongs to one contact: a row that takes another's
   * without being matched to it would be refused by the store */
  number = number_key (kontor_contact_get_customer_number (contact));
  if (duplicate == NULL && number != NULL)
    {
      const char *stored_id = g_hash_table_lookup (plan->stored, number);
      guint other = GPOINTER_TO_UINT (g_hash_table_lookup (plan->file, number));

      taken_by = g_hash_table_lookup (plan->company_numbers, number);
      if (taken_by == NULL && stored_id != NULL)
        taken_by = taken_name = dup_stored_name (connection, stored_id);
      if (taken_by == NULL && other != 0)
        taken_by = g_hash_table_lookup (plan->row_names, GUINT_TO_POINTER (other));
      if (taken_by == NULL && (stored_id != NULL || other != 0))
        taken_by = "";
    }
  if (taken_by != NULL)
    {
      g_autofree char *reason =
        /* Translators: the first %s is a customer number, the second the
         * name of the contact or company that has it */
        g_strdup_printf (_("The customer number “%s” belongs to “%s”."),
                         kontor_contact_get_customer_number (contact), taken_by);

      g_ptr_array_add (plan->failures, failure_new (line, reason));
      return;
    }

  if (duplicate != NULL)
    {
      duplicate->line = line;
      duplicate->shown = shown_pack (contact);
      g_ptr_array_add (plan->duplicates, duplicate);
    }

  /* the first row with a key is the one later rows match */
  for (guint i = 0; i < keys->len; i++)
    {
      RowKey *key = &g_array_index (keys, RowKey, i);

      if (!g_hash_table_contains (plan->file, key->key))
        g_hash_table_insert (plan->file, (gpointer) plan_key (plan, key->key),
                             GUINT_TO_POINTER (line));
    }
  if (number != NULL && !g_hash_table_contains (plan->file, number))
    g_hash_table_insert (plan->file, (gpointer) plan_key (plan, number),
                         GUINT_TO_POINTER (line));
  if (keys->len > 0)
    {
      g_autofree char *name = dup_row_name (contact);

      g_hash_table_insert (plan->row_names, GUINT_TO_POINTER (line),
                           g_string_chunk_insert (plan->strings, name != NULL ? name : ""));
    }
}

static gboolean
plan_rows (Plan    *plan,
           GError **error)
{
  g_autoptr(KontorStore) connection = NULL;
  gboolean keep_birthdays;

  connection = kontor_store_open_connection (plan->path, plan->client_id, plan->user_id, error);
  /* no memory map: the plan reads every contact and every address once,
   * and through the map each page read stays in this process's resident
   * memory (up to the map's 256 MiB, src/README.md "Database file");
   * read() goes through the small page cache instead */
  if (connection != NULL)
    _kontor_store_exec (connection, "PRAGMA mmap_size = 0", NULL);
  if (connection == NULL ||
      !kontor_store_get_keep_birthdays (connection, &keep_birthdays, error) ||
      !load_stored_keys (plan, connection, error) ||
      !kontor_import_source_rewind (plan->source, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KontorContact) contact = NULL;
      guint line;

      if (g_cancellable_set_error_if_cancelled (plan->cancellable, error))
        return FALSE;

      contact = kontor_import_source_next (plan->source, &line, &local_error);
      if (contact == NULL && local_error == NULL)
        break;

      plan->n_read++;
      if (contact == NULL && g_error_matches (local_error, KONTOR_IMPORT_ERROR,
                                              KONTOR_IMPORT_ERROR_ROW))
        g_ptr_array_add (plan->failures, failure_new (line, local_error->message));
      else if (contact == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        {
          plan->n_rows++;
          plan_row (plan, connection, contact, line, keep_birthdays);
        }

      if (plan->n_read % STEP_ROWS == 0)
        post_progress (plan->import, source_fraction (plan->source), plan->n_read);
    }

  /* the file as read, which the run must find again */
  plan->opened_stamp = kontor_import_source_dup_opened_stamp (plan->source);
  plan->stamp = kontor_import_source_dup_stamp (plan->source);

  return TRUE;
}

static Plan *
plan_new (KontorImport *self,
          GCancellable *cancellable)
{
  KontorUser *user = kontor_store_get_current_user (self->store);
  Plan *plan = g_new0 (Plan, 1);

  plan->import = g_object_ref (self);
  plan->source = g_object_ref (self->source);
  plan->path = g_strdup (kontor_store_get_path (self->store));
  plan->client_id = g_strdup (kontor_store_get_client_id (self->store));
  plan->user_id = user != NULL ? g_strdup (kontor_record_get_id (KONTOR_RECORD (user))) : NULL;
  plan->mode = self->mode;
  plan->match = self->match;
  plan->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  plan->strings = g_string_chunk_new (64 * 1024);
  plan->stored = g_hash_table_new (g_str_hash, g_str_equal);
  plan->file = g_hash_table_new (g_str_hash, g_str_equal);
  plan->row_names = g_hash_table_new (g_direct_hash, g_direct_equal);
  plan->company_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  company_index_init (&plan->companies);
  plan->fuzzy_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->company_matches = g_ptr_array_new_with_free_func (g_object_unref);
  plan->duplicates = g_ptr_array_new_with_free_func (g_object_unref);
  plan->failures = g_ptr_array_new_with_free_func (g_object_unref);

  return plan;
}

static void
clear_plan (KontorImport *self)
{
  g_list_store_remove_all (self->duplicates);
  g_list_store_remove_all (self->failures);
  g_list_store_remove_all (self->company_matches);
  g_hash_table_remove_all (self->duplicate_lines);
  g_hash_table_remove_all (self->failed_lines);
  self->n_rows = 0;
  g_clear_pointer (&self->opened_stamp, g_free);
  g_clear_pointer (&self->stamp, g_free);
  self->planned = FALSE;
}

/* On the main thread: the plan's lists become the import's */
static void
take_plan (KontorImport *self,
           Plan         *plan)
{
  for (guint i = 0; i < plan->duplicates->len; i++)
    {
      KontorImportDuplicate *duplicate = g_ptr_array_index (plan->duplicates, i);

      g_hash_table_insert (self->duplicate_lines, GUINT_TO_POINTER (duplicate->line), duplicate);
    }
  for (guint i = 0; i < plan->failures->len; i++)
    {
      KontorImportFailure *failure = g_ptr_array_index (plan->failures, i);

      g_hash_table_add (self->failed_lines, GUINT_TO_POINTER (failure->line));
    }
  g_list_store_splice (self->duplicates, 0, 0, plan->duplicates->pdata, plan->duplicates->len);
  g_list_store_splice (self->failures, 0, 0, plan->failures->pdata, plan->failures->len);
  g_list_store_splice (self->company_matches, 0, 0, plan->company_matches->pdata,
                       plan->company_matches->len);
  self->n_rows = plan->n_rows;
  self->n_planned = plan->n_read;
  self->opened_stamp = g_steal_pointer (&plan->opened_stamp);
  self->stamp = g_steal_pointer (&plan->stamp);
  set_progress_now (self, self->progress, plan->n_read);
  self->planned = TRUE;
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (plan_rows (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * kontor_import_plan_async:
 * @self: an import, neither planning nor running
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread's main context when the plan is done
 * @user_data: data for @callback
 *
 * Reads the whole source on a worker thread without writing anything:
 * counts the rows, lists those that cannot be imported
 * (kontor_import_get_failures()) and the duplicates, within the file and
 * against the stored contacts, each with the action of the mode
 * (kontor_import_get_duplicates()). "progress" and "n-done" follow on this
 * thread.
 */
void
kontor_import_plan_async (KontorImport        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KONTOR_IS_IMPORT (self));
  g_return_if_fail (!self->busy);

  clear_plan (self);
  start_busy (self, TRUE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kontor_import_plan_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, plan_new (self, cancellable), plan_free);
  g_task_run_in_thread (task, plan_thread);
}

/**
 * kontor_import_plan_finish:
 * @self: an import
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was read to its end; %FALSE with the
 *   source's error (a %KONTOR_IMPORT_ERROR other than ROW, naming the
 *   file and the line), %G_IO_ERROR_CANCELLED or a store error
 */
gboolean
kontor_import_plan_finish (KontorImport  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (KONTOR_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), error);
  if (ok)
    take_plan (self, g_task_get_task_data (G_TASK (result)));
  end_busy (self, ok);

  return ok;
}

/**
 * kontor_import_plan:
 * @self: an import, neither planning nor running
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * kontor_import_plan_async() here and now, blocking: for the command line
 * and tests.
 *
 * Returns: %TRUE when the file was read to its end
 */
gboolean
kontor_import_plan (KontorImport  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Plan *plan;
  gboolean ok;

  g_return_val_if_fail (KONTOR_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (!self->busy, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clear_plan (self);
  start_busy (self, FALSE);
  plan = plan_new (self, cancellable);
  ok = plan_rows (plan, error);
  if (ok)
    take_plan (self, plan);
  plan_free (plan);
  end_busy (self, ok);

  return ok;
}

/**
 * kontor_import_get_n_rows:
 * @self: an import
 *
 * Returns: the rows the plan could read (those the model refused
 *   included; rows the source could not read are only failures)
 */
guint
kontor_import_get_n_rows (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), 0);

  return self->n_rows;
}

/**
 * kontor_import_get_duplicates:
 * @self: an import
 *
 * Returns: (transfer none): the #KontorImportDuplicate rows of the plan,
 *   in the file's order
 */
GListModel *
kontor_import_get_duplicates (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), NULL);

  return G_LIST_MODEL (self->duplicates);
}

/**
 * kontor_import_get_failures:
 * @self: an import
 *
 * Returns: (transfer none): the #KontorImportFailure rows of the plan, in
 *   the file's order; the run skips them
 */
GListModel *
kontor_import_get_failures (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), NULL);

  return G_LIST_MODEL (self->failures);
}

/**
 * kontor_import_get_company_matches:
 * @self: an import
 *
 * The company names of the file that the plan took for a company of
 * another name, by the name without its legal form ("Stahl" for the
 * stored "Stahl AG"), each once with the first line naming it; names
 * found as they are written (umlauts and case aside) are not listed.
 *
 * Returns: (transfer none): the #KontorImportCompanyMatch rows of the plan
 */
GListModel *
kontor_import_get_company_matches (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), NULL);

  return G_LIST_MODEL (self->company_matches);
}

/* ── The run ───────────────────────────────────────────────────────── */

/* What the run does with one duplicate row, copied for the worker */
/* One duplicate's decision, taken when the run starts; its strings are
 * the duplicate's (in the import's list, which the run's reference on
 * the import keeps: a busy import plans nothing anew), not copies: a
 * second import of 100,000 rows has as many */
typedef struct
{
  KontorImportAction  action;
  guint               other_line;
  const char         *other_id;
  GStrv               foreign_emails;   /* keys of addresses not to add */
} Decision;

typedef struct
{
  KontorImport       *import;
  KontorImportSource *source;
  char               *title;
  guint               n_rows;
  guint               n_planned;
  GHashTable         *decisions;     /* line → Decision */
  GHashTable         *failed_lines;  /* lines */
  GHashTable         *target_lines;  /* lines other rows merge into */
  char               *opened_stamp;  /* the plan's */
  char               *stamp;

  /* on the worker */
  CompanyIndex        companies;
  GHashTable         *company_ids;   /* a row's company name → the id it found exactly */
  GHashTable         *numbers;       /* customer numbers in use */
  GHashTable         *resolved;      /* target line → the contact's id */
  guint               n_deferred;    /* duplicates left for the second pass */

  /* results */
  guint               n_read;
  KontorImportChanges *changes;
  guint               n_created;
  guint               n_updated;
  guint               n_skipped;
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_object (&run->import);
  g_clear_object (&run->source);
  g_free (run->title);
  g_clear_pointer (&run->decisions, g_hash_table_unref);
  g_clear_pointer (&run->failed_lines, g_hash_table_unref);
  g_clear_pointer (&run->target_lines, g_hash_table_unref);
  g_free (run->opened_stamp);
  g_free (run->stamp);
  company_index_clear (&run->companies);
  g_clear_pointer (&run->company_ids, g_hash_table_unref);
  g_clear_pointer (&run->numbers, g_hash_table_unref);
  g_clear_pointer (&run->resolved, g_hash_table_unref);
  g_clear_pointer (&run->changes, kontor_import_changes_free);
  g_free (run);
}

static gboolean
load_numbers (Run          *run,
              KontorStore  *connection,
              GError      **error)
{
  /* unique among contacts and companies, as
   * _kontor_store_check_customer_number() has it */
  sqlite3_stmt *stmt = _kontor_store_prepare (connection,
                                              "SELECT customer_number FROM contact "
                                              "WHERE customer_number IS NOT NULL UNION ALL "
                                              "SELECT customer_number FROM company "
                                              "WHERE customer_number IS NOT NULL", error);
  int result;

  if (stmt == NULL)
    return FALSE;

  while ((result = _kontor_store_step (connection, stmt, error)) == 1)
    g_hash_table_add (run->numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  return result == 0;
}

/* Links @target to the company @contact names: a stored one (see
 * "Companies": "Müller GmbH" = "Mueller GmbH", not "Müller AG") or one
 * made now, which later rows reuse. Done here rather than by the store's
 * resolve by exact name. */
static gboolean
link_company (Run            *run,
              KontorStore    *connection,
              KontorContact  *contact,
              KontorContact  *target,
              GError        **error)
{
  const char *name = kontor_contact_get_company_name (contact);
  const char *fuzzy_name = NULL;
  const char *id;

  /* prepare_row() dropped a name that names no company */
  if (name == NULL)
    return TRUE;

  /* the same name again (twenty rows a company): an exact match stays
   * the same for the whole run (CompanyIndex keeps an exact key's first
   * id), so its key need not be made again; a match without the legal
   * form may not (a second company of that key makes it ambiguous) */
  id = g_hash_table_lookup (run->company_ids, name);
  if (id == NULL)
    {
      id = company_index_find (&run->companies, name, &fuzzy_name);
      if (id != NULL && fuzzy_name == NULL)
        g_hash_table_insert (run->company_ids, g_strdup (name), g_strdup (id));
    }
  if (id == NULL)
    {
      g_autoptr(KontorCompany) company = kontor_company_new (name);
      gboolean changed;

      if (!_kontor_store_save_record (connection, KONTOR_RECORD (company), &changed, error))
        return FALSE;
      g_ptr_array_add (run->changes->companies,
                       g_strdup (kontor_record_get_id (KONTOR_RECORD (company))));
      company_index_add (&run->companies, name, kontor_record_get_id (KONTOR_RECORD (company)));
      id = company_index_find (&run->companies, name, NULL);
    }

  kontor_contact_set_company_id (target, id);
  if (target != contact)
    kontor_contact_set_company_name (target, name);

  return TRUE;
}

/* The fields an import carries over an existing contact */
static const guint carried_fields[] = {
  KONTOR_CONTACT_FIELD_SALUTATION,
  KONTOR_CONTACT_FIELD_TITLE,
  KONTOR_CONTACT_FIELD_FIRST_NAME,
  KONTOR_CONTACT_FIELD_LAST_NAME,
  KONTOR_CONTACT_FIELD_JOB_TITLE,
  KONTOR_CONTACT_FIELD_STREET,
  KONTOR_CONTACT_FIELD_POSTAL_CODE,
  KONTOR_CONTACT_FIELD_CITY,
  KONTOR_CONTACT_FIELD_COUNTRY,
  KONTOR_CONTACT_FIELD_NOTES,
  KONTOR_CONTACT_FIELD_BIRTHDAY,
  KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER,
};

static gboolean
value_is_empty (const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *text = g_value_get_string (value);
      return text == NULL || text[0] == '\0';
    }
  if (G_VALUE_HOLDS_ENUM (value))
    return g_value_get_enum (value) == 0;
  if (G_VALUE_HOLDS_INT (value))
    return g_value_get_int (value) == 0;

  return FALSE;
}

static char *
channel_key (KontorChannelKind  kind,
             const char        *value)
{
  char *key = kind == KONTOR_CHANNEL_KIND_EMAIL ? email_key (value) : phone_key (value);

  return key != NULL ? key : g_strdup (value);
}

/* The row's channels that @target does not have yet, added at its end;
 * none whose key is in @foreign (another stored contact has it) */
static void
add_channels (KontorContact      *target,
              KontorContact      *row,
              guint               index,
              KontorChannelKind   kind,
              const char * const *foreign)
{
  GPtrArray *have = kontor_record_get_channels (KONTOR_RECORD (target), index);
  GPtrArray *add = kontor_record_get_channels (KONTOR_RECORD (row), index);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) channels = NULL;

  if (add == NULL || add->len == 0)
    return;

  channels = have != NULL ? kontor_channel_array_copy (have) : kontor_channel_array_new ();
  for (guint i = 0; i < channels->len; i++)
    g_hash_table_add (keys, channel_key (kind, ((KontorChannel *) g_ptr_array_index (channels,
                                                                                      i))->value));

  for (guint i = 0; i < add->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (add, i);
      char *key = channel_key (kind, channel->value);

      if (foreign != NULL && g_strv_contains (foreign, key))
        {
          g_free (key);
          continue;
        }
      if (g_hash_table_add (keys, key))
        g_ptr_array_add (channels, kontor_channel_new (channel->label, channel->value));
    }

  if (channels->len != (have != NULL ? have->len : 0))
    kontor_record_set_channels (KONTOR_RECORD (target), index, channels);
}

/* @row over @target: every non-empty value (update), or only where
 * @target has none (merge); channels it lacks are added either way */
static void
carry_over (Run                *run,
            KontorContact      *target,
            KontorContact      *row,
            gboolean            overwrite,
            const char * const *foreign_emails)
{
  for (guint i = 0; i < G_N_ELEMENTS (carried_fields); i++)
    {
      guint index = carried_fields[i];
      const GValue *value = kontor_record_get_value (KONTOR_RECORD (row), index);
      const GValue *had = kontor_record_get_value (KONTOR_RECORD (target), index);

      if (value_is_empty (value) || (!overwrite && !value_is_empty (had)))
        continue;

      /* a customer number another contact has stays with it */
      if (index == KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER &&
          g_hash_table_contains (run->numbers, g_value_get_string (value)))
        continue;

      kontor_record_set_value (KONTOR_RECORD (target), index, value);
    }

  add_channels (target, row, KONTOR_CONTACT_FIELD_EMAILS, KONTOR_CHANNEL_KIND_EMAIL,
                foreign_emails);
  add_channels (target, row, KONTOR_CONTACT_FIELD_PHONES, KONTOR_CHANNEL_KIND_PHONE, NULL);
}

static gboolean
create_row (Run            *run,
            KontorStore    *connection,
            KontorContact  *contact,
            guint           line,
            GError        **error)
{
  const char *number = kontor_contact_get_customer_number (contact);
  gboolean changed;

  if (!link_company (run, connection, contact, contact, error))
    return FALSE;

  /* a duplicate created beside the contact of its number leaves the number
   * to that one (the plan lists any other row taking a number as failed) */
  if (number != NULL && g_hash_table_contains (run->numbers, number))
    kontor_contact_set_customer_number (contact, NULL);
  else if (number != NULL)
    g_hash_table_add (run->numbers, g_strdup (number));

  if (!_kontor_store_save_record (connection, KONTOR_RECORD (contact), &changed, error))
    return FALSE;

  g_ptr_array_add (run->changes->contacts,
                   g_strdup (kontor_record_get_id (KONTOR_RECORD (contact))));
  run->n_created++;

  if (g_hash_table_contains (run->target_lines, GUINT_TO_POINTER (line)))
    g_hash_table_insert (run->resolved, GUINT_TO_POINTER (line),
                         g_strdup (kontor_record_get_id (KONTOR_RECORD (contact))));

  return TRUE;
}

static gboolean
change_row (Run            *run,
            KontorStore    *connection,
            KontorContact  *contact,
            guint           line,
            const char     *target_id,
            gboolean        overwrite,
            GStrv           foreign_emails,
            GError        **error)
{
  const KontorEntityInfo *info = _kontor_entity_info_for_type (KONTOR_TYPE_CONTACT);
  g_autoptr(KontorRecord) stored = NULL;
  g_autoptr(KontorRecord) edited = NULL;
  g_autofree char *kept_id = NULL;
  GError *local_error = NULL;
  gboolean changed;

  stored = _kontor_store_find_record (connection, info, target_id, &local_error);
  if (stored == NULL && local_error == NULL)
    {
      /* merged into another since the plan (its tombstone says which):
       * the row goes to the one kept */
      kept_id = _kontor_store_dup_merged_into (connection, "contact", target_id, &local_error);
      if (kept_id != NULL)
        {
          target_id = kept_id;
          stored = _kontor_store_find_record (connection, info, target_id, &local_error);
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (stored == NULL)
    {
      /* deleted since the plan: the row is new again */
      return create_row (run, connection, contact, line, error);
    }

  edited = kontor_record_copy (stored);
  carry_over (run, KONTOR_CONTACT (edited), contact, overwrite,
              (const char * const *) foreign_emails);
  if ((overwrite || kontor_contact_get_company_id (KONTOR_CONTACT (edited)) == NULL) &&
      !link_company (run, connection, contact, KONTOR_CONTACT (edited), error))
    return FALSE;

  /* moved to another company: where it worked stays as a former
   * employment, as a company change keeps it (src/README.md "Employer
   * history") */
  if (kontor_contact_get_company_id (KONTOR_CONTACT (stored)) != NULL &&
      kontor_contact_check_company_change (KONTOR_CONTACT (stored),
                                           kontor_contact_get_company_id (KONTOR_CONTACT (edited)),
                                           NULL))
    {
      char *employment_id = NULL;

      if (!_kontor_store_save_former_employment (connection, target_id,
                                                 kontor_contact_get_company_id (KONTOR_CONTACT (stored)),
                                                 kontor_contact_get_job_title (KONTOR_CONTACT (stored)),
                                                 &employment_id, error))
        return FALSE;
      g_ptr_array_add (run->changes->employments, employment_id);
    }

  if (!_kontor_store_save_over (connection, edited, stored, &changed, error))
    return FALSE;

  if (changed)
    g_ptr_array_add (run->changes->updates, kontor_import_update_new (stored, edited));
  run->n_updated++;

  if (g_hash_table_contains (run->target_lines, GUINT_TO_POINTER (line)))
    g_hash_table_insert (run->resolved, GUINT_TO_POINTER (line), g_strdup (target_id));

  return TRUE;
}

/* In Run.resolved: the row was skipped, and so are those matching it */
#define SKIPPED_TARGET ""

static gboolean
run_row (Run            *run,
         KontorStore    *connection,
         KontorContact  *contact,
         guint           line,
         gboolean        keep_birthdays,
         GError        **error)
{
  Decision *decision = g_hash_table_lookup (run->decisions, GUINT_TO_POINTER (line));
  KontorImportAction action = decision != NULL ? decision->action : KONTOR_IMPORT_ACTION_CREATE;
  const char *target = NULL;

  if (contact != NULL)
    prepare_row (contact, keep_birthdays);

  if (decision != NULL)
    target = decision->other_id != NULL ?
             decision->other_id :
             g_hash_table_lookup (run->resolved, GUINT_TO_POINTER (decision->other_line));

  switch (action)
    {
    case KONTOR_IMPORT_ACTION_SKIP:
      run->n_skipped++;
      /* a later row matching this one leaves the stored contact alone too:
       * a skip changes nothing stored; one that matches a contact this
       * import made goes to it */
      if (target != NULL && g_hash_table_contains (run->target_lines, GUINT_TO_POINTER (line)))
        g_hash_table_insert (run->resolved, GUINT_TO_POINTER (line),
                             g_strdup (decision->other_id != NULL ? SKIPPED_TARGET : target));
      return TRUE;

    case KONTOR_IMPORT_ACTION_MERGE:
    case KONTOR_IMPORT_ACTION_UPDATE:
      /* the earlier row it matches was not imported: this one is new */
      if (target == NULL)
        return create_row (run, connection, contact, line, error);
      /* it stands for a stored contact a row skipped */
      if (target[0] == '\0')
        {
          run->n_skipped++;
          if (g_hash_table_contains (run->target_lines, GUINT_TO_POINTER (line)))
            g_hash_table_insert (run->resolved, GUINT_TO_POINTER (line),
                                 g_strdup (SKIPPED_TARGET));
          return TRUE;
        }
      return change_row (run, connection, contact, line, target,
                         action == KONTOR_IMPORT_ACTION_UPDATE, decision->foreign_emails, error);

    case KONTOR_IMPORT_ACTION_CREATE:
    default:
      return create_row (run, connection, contact, line, error);
    }
}

/* Whether @line is a duplicate the run writes after the new contacts: one
 * merged or updated, or one that stands for an earlier row */
static gboolean
is_deferred (Run   *run,
             guint  line)
{
  Decision *decision = g_hash_table_lookup (run->decisions, GUINT_TO_POINTER (line));

  return decision != NULL && decision->action != KONTOR_IMPORT_ACTION_CREATE;
}

/* The file the run reads is the one the plan read: the plan's decisions
 * are by line, and a file sorted in between would update the wrong
 * contacts */
static gboolean
check_stamp (Run         *run,
             char        *now,       /* taken */
             const char  *planned,
             GError     **error)
{
  g_autofree char *stamp = now;

  if (g_strcmp0 (stamp, planned) == 0)
    return TRUE;

  g_set_error (error, KONTOR_IMPORT_ERROR, KONTOR_IMPORT_ERROR_READ,
               /* Translators: %s is a file's name */
               _("“%s” changed after it was checked; check it again."),
               kontor_import_source_get_display_name (run->source));

  return FALSE;
}

static double
run_fraction (Run   *run,
              guint  n_done)
{
  return run->n_planned > 0 ? (double) n_done / run->n_planned : 0.0;
}

/* The duplicates merged, updated or skipped (is_deferred()), written
 * after every new contact: an update or merge deletes a search document,
 * and SQLite's full-text index writes out all it holds before each such
 * delete; after the creations that is once, in between it would be once
 * per duplicate. Their rows are read from the file a second time rather
 * than kept from the first: a KontorContact with every field is about
 * 2 KiB, and a second import of 100,000 rows has as many duplicates
 * (src/README.md "The import", memory). In the file's order, so an
 * earlier row is resolved before a later one that matches it; the first
 * pass's bytes were the plan's, and the second pass's are checked at the
 * end as the first's were. */
static gboolean
run_deferred (Run             *run,
              KontorStoreJob  *job,
              KontorStore     *connection,
              guint            n_read,
              gboolean         keep_birthdays,
              GError         **error)
{
  guint n_done = n_read - run->n_deferred;

  if (run->n_deferred == 0)
    return TRUE;

  /* half the job's page cache (KONTOR_STORE_BULK_CACHE_KIB) for the
   * updates: each changes one stored contact, and with it entries of the
   * id index, the list-order indexes and the search index at places the
   * file's order does not predict; the dirty pages go to the log either
   * way. The other 32 MB took a re-import of 100,000 rows over the
   * import's 200 MB (src/README.md "The import", memory) */
  _kontor_store_exec (connection, "PRAGMA cache_size = " G_STRINGIFY (UPDATE_CACHE_KIB), NULL);

  if (!check_stamp (run, kontor_import_source_dup_stamp (run->source), run->stamp, error) ||
      !kontor_import_source_rewind (run->source, error) ||
      !check_stamp (run, kontor_import_source_dup_opened_stamp (run->source), run->opened_stamp,
                    error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KontorContact) contact = NULL;
      guint line;

      contact = kontor_import_source_next (run->source, &line, &local_error);
      if (contact == NULL && local_error == NULL)
        break;
      if (contact == NULL && g_error_matches (local_error, KONTOR_IMPORT_ERROR,
                                              KONTOR_IMPORT_ERROR_ROW))
        continue;
      if (contact == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_hash_table_contains (run->failed_lines, GUINT_TO_POINTER (line)) ||
          !is_deferred (run, line))
        continue;

      if (++n_done % STEP_ROWS == 0)
        {
          post_progress (run->import, run_fraction (run, n_done), n_done);
          if (!kontor_store_job_step (job, n_done, run->n_planned, error))
            return FALSE;
        }
      if (!run_row (run, connection, contact, line, keep_birthdays, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
run_func (KontorStoreJob  *job,
          KontorStore     *connection,
          gpointer         user_data,
          GCancellable    *cancellable,
          GError         **error)
{
  Run *run = user_data;
  g_autoptr(GPtrArray) index_creates = NULL;
  gboolean keep_birthdays;
  guint n_read = 0;
  gint64 n_stored;

  if (!kontor_store_get_keep_birthdays (connection, &keep_birthdays, error) ||
      !company_index_load (&run->companies, connection, error) ||
      !load_numbers (run, connection, error) ||
      !kontor_import_source_rewind (run->source, error) ||
      !check_stamp (run, kontor_import_source_dup_opened_stamp (run->source), run->opened_stamp,
                    error))
    return FALSE;

  n_stored = kontor_store_count (connection, KONTOR_TYPE_CONTACT, error);
  if (n_stored < 0)
    return FALSE;
  if (run->n_rows >= BULK_INDEX_ROWS && (gint64) run->n_rows >= n_stored)
    {
      index_creates = _kontor_store_drop_order_indexes (connection, error);
      if (index_creates == NULL)
        return FALSE;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KontorContact) contact = NULL;
      guint line;

      contact = kontor_import_source_next (run->source, &line, &local_error);
      if (contact == NULL && local_error == NULL)
        break;

      n_read++;
      if (n_read % STEP_ROWS == 0)
        {
          /* the rows done of all; the duplicates come at the end */
          post_progress (run->import, run_fraction (run, n_read - run->n_deferred),
                         n_read - run->n_deferred);
          if (!kontor_store_job_step (job, n_read - run->n_deferred, run->n_planned, error))
            return FALSE;
        }

      /* a row the plan listed as failed stays out */
      if (contact == NULL && g_error_matches (local_error, KONTOR_IMPORT_ERROR,
                                              KONTOR_IMPORT_ERROR_ROW))
        continue;
      if (contact == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_hash_table_contains (run->failed_lines, GUINT_TO_POINTER (line)))
        continue;

      if (is_deferred (run, line))
        {
          run->n_deferred++;
          continue;
        }

      if (!run_row (run, connection, contact, line, keep_birthdays, error))
        return FALSE;
    }

  if (!run_deferred (run, job, connection, n_read, keep_birthdays, error))
    return FALSE;

  /* the same bytes as the plan read, before the commit: the decisions
   * were made by line */
  if (!check_stamp (run, kontor_import_source_dup_stamp (run->source), run->stamp, error))
    return FALSE;

  run->n_read = n_read;
  post_progress (run->import, 1.0, n_read);

  return _kontor_store_create_indexes (connection, index_creates, error);
}

static Run *
run_new (KontorImport *self)
{
  const char *name = kontor_import_source_get_display_name (self->source);
  Run *run = g_new0 (Run, 1);
  GHashTableIter iter;
  gpointer key, value;

  run->import = g_object_ref (self);
  run->source = g_object_ref (self->source);
  run->title = g_strdup_printf (_("Import of “%s”"), name != NULL ? name : "");
  run->n_rows = self->n_rows;
  run->n_planned = self->n_planned;
  run->opened_stamp = g_strdup (self->opened_stamp);
  run->stamp = g_strdup (self->stamp);
  run->decisions = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  run->failed_lines = g_hash_table_new (g_direct_hash, g_direct_equal);
  run->target_lines = g_hash_table_new (g_direct_hash, g_direct_equal);
  company_index_init (&run->companies);
  run->company_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->resolved = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  run->changes = kontor_import_changes_new ();

  g_hash_table_iter_init (&iter, self->duplicate_lines);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KontorImportDuplicate *duplicate = value;
      Decision *decision = g_new0 (Decision, 1);

      decision->action = duplicate->action;
      decision->other_line = duplicate->other_line;
      decision->other_id = duplicate->other_id;
      decision->foreign_emails = duplicate->foreign_emails;
      g_hash_table_insert (run->decisions, key, decision);
      if (duplicate->other_line != 0)
        g_hash_table_add (run->target_lines, GUINT_TO_POINTER (duplicate->other_line));
    }

  g_hash_table_iter_init (&iter, self->failed_lines);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (run->failed_lines, key);

  return run;
}

/* On the main thread after the job committed: the operation to undo it */
static KontorOperation *
finish_run (KontorImport *self,
            Run          *run)
{
  KontorOperation *operation;

  self->n_created = run->n_created;
  self->n_updated = run->n_updated;
  self->n_skipped = run->n_skipped;
  set_progress_now (self, 1.0, run->n_read);

  operation = kontor_import_operation_new (self->store, run->title,
                                           g_steal_pointer (&run->changes));
  kontor_operation_mark_applied (operation);

  return operation;
}

static void
on_job_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KontorImport *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!kontor_store_job_run_finish (KONTOR_STORE_JOB (source_object), result, &error))
    {
      end_busy (self, FALSE);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, finish_run (self, g_task_get_task_data (task)), g_object_unref);
  end_busy (self, TRUE);
}

static KontorStoreJob *
job_new (KontorImport *self,
         Run          *run)
{
  /* the run is the task's; the job borrows it */
  return kontor_store_job_new (self->store, run->title, run_func, run, NULL);
}

static void
reset_counts (KontorImport *self)
{
  self->n_created = 0;
  self->n_updated = 0;
  self->n_skipped = 0;
}

/**
 * kontor_import_run_async:
 * @self: a planned import, neither planning nor running
 * @cancellable: (nullable): a #GCancellable; cancelling it rolls the
 *   whole import back
 * @callback: called on this thread's main context when the run is done
 * @user_data: data for @callback
 *
 * Writes what the plan decided, reading the source again, as one
 * #KontorStoreJob: one transaction on a worker thread, with the store's
 * own save of each record (roles, rules, outbox, search). Rows the plan
 * listed as failed are skipped. Each new contact arrives in the Inbox
 * with its company matched by name or made; a duplicate is merged,
 * updated, skipped or created as its action says.
 */
void
kontor_import_run_async (KontorImport        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(KontorStoreJob) job = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (KONTOR_IS_IMPORT (self));
  g_return_if_fail (self->planned);
  g_return_if_fail (!self->busy);

  reset_counts (self);
  start_busy (self, TRUE);

  run = run_new (self);
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, kontor_import_run_async);
  g_task_set_task_data (task, run, run_free);

  job = job_new (self, run);
  kontor_store_job_run_async (job, cancellable, on_job_done_cb, task);
}

/**
 * kontor_import_run_finish:
 * @self: an import
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the import as one operation,
 *   applied already, for kontor_operation_stack_add_applied(); %NULL when
 *   nothing was stored (an error, %G_IO_ERROR_CANCELLED)
 */
KontorOperation *
kontor_import_run_finish (KontorImport  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * kontor_import_run:
 * @self: a planned import, neither planning nor running
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * kontor_import_run_async() here and now, blocking.
 *
 * Returns: (transfer full) (nullable): the applied operation, or %NULL
 *   when nothing was stored
 */
KontorOperation *
kontor_import_run (KontorImport  *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(KontorStoreJob) job = NULL;
  KontorOperation *operation = NULL;
  Run *run;

  g_return_val_if_fail (KONTOR_IS_IMPORT (self), NULL);
  g_return_val_if_fail (self->planned, NULL);
  g_return_val_if_fail (!self->busy, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reset_counts (self);
  start_busy (self, FALSE);

  run = run_new (self);
  job = job_new (self, run);
  if (kontor_store_job_run (job, cancellable, error))
    operation = finish_run (self, run);
  run_free (run);
  end_busy (self, operation != NULL);

  return operation;
}

guint
kontor_import_get_n_created (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), 0);

  return self->n_created;
}

/**
 * kontor_import_get_n_updated:
 * @self: an import
 *
 * Returns: the stored contacts the run updated or merged rows into
 */
guint
kontor_import_get_n_updated (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), 0);

  return self->n_updated;
}

/**
 * kontor_import_get_n_skipped:
 * @self: an import
 *
 * Returns: the duplicate rows the run skipped (failed rows not counted)
 */
guint
kontor_import_get_n_skipped (KontorImport *self)
{
  g_return_val_if_fail (KONTOR_IS_IMPORT (self), 0);

  return self->n_skipped;
}

/* ── Failures as CSV ───────────────────────────────────────────────── */

/**
 * kontor_import_write_failures:
 * @self: a planned import
 * @stream: where to write
 * @error: return location for a #GError
 *
 * Writes the failed rows as CSV through the export's writer (RFC 4180,
 * UTF-8): a header, then one row of line and reason for each.
 *
 * Returns: %TRUE on success
 */
gboolean
kontor_import_write_failures (KontorImport   *self,
                              GOutputStream  *stream,
                              GError        **error)
{
  g_autoptr(KontorCsvWriter) writer = NULL;
  const char *header[3] = {
    /* Translators: the header of the list of rows an import could not read */
    C_("import failures", "Line"),
    C_("import failures", "Reason"),
    NULL
  };
  guint n;

  g_return_val_if_fail (KONTOR_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  writer = kontor_csv_writer_new (stream, KONTOR_CSV_PRESET_RFC4180, KONTOR_CSV_ENCODING_UTF8);
  if (!kontor_csv_writer_write_row (writer, header, NULL, error))
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->failures));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KontorImportFailure) failure = g_list_model_get_item (G_LIST_MODEL (self->failures),
                                                                      i);
      g_autofree char *line = g_strdup_printf ("%u", failure->line);
      const char *row[3] = { line, failure->reason, NULL };

      if (!kontor_csv_writer_write_row (writer, row, NULL, error))
        return FALSE;
    }

  return TRUE;
}
