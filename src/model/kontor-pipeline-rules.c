/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-pipeline-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-error.h"
#include "kontor-pipeline-rules.h"
#include "kontor-record-rules.h"
#include "kontor-rules-private.h"
#include "kontor-text.h"

/* the position of the first column; no other column may have it */
#define FIRST_POSITION 0

/* The system columns "Neue Kontakte", "Erfolgreich kontaktiert" and
 * "Auftrag erhalten" drive automatic e-mails by their meaning (seed 003):
 * renamed or deleted, the mails would stop. The first column is where new
 * contacts arrive, so it stays first. */

static void set_why (char       **why,
                     const char  *format,
                     ...) G_GNUC_PRINTF (2, 3);

static void
set_why (char       **why,
         const char  *format,
         ...)
{
  va_list args;

  if (why == NULL)
    return;

  va_start (args, format);
  *why = g_strdup_vprintf (format, args);
  va_end (args);
}

static char *
dup_first_column_why (const char *name)
{
  /* Translators: %s is a column of the pipeline board */
  return g_strdup_printf (_("“%s” is where new contacts arrive and stays the first column."),
                          name);
}

/**
 * kontor_pipeline_status_can_rename:
 * @status: a column
 * @why: (out) (optional) (transfer full): why not
 *
 * Returns: %TRUE when @status may be renamed: not a system column
 */
gboolean
kontor_pipeline_status_can_rename (KontorPipelineStatus  *status,
                                   char                 **why)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), FALSE);

  if (!kontor_pipeline_status_get_is_system (status))
    return TRUE;

  name = kontor_record_dup_display_name (KONTOR_RECORD (status));
  set_why (why,
           /* Translators: %s is a column of the pipeline board */
           _("“%s” is linked to automatic e-mails and keeps its name."), name);

  return FALSE;
}

/**
 * kontor_pipeline_status_can_delete:
 * @status: a column
 * @n_contacts: how many contacts have this pipeline status, archived and
 *   inbox contacts included
 * @why: (out) (optional) (transfer full): why not
 *
 * Returns: %TRUE when @status may be deleted: not a system column, empty
 */
gboolean
kontor_pipeline_status_can_delete (KontorPipelineStatus  *status,
                                   gint64                 n_contacts,
                                   char                 **why)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), FALSE);

  name = kontor_record_dup_display_name (KONTOR_RECORD (status));

  if (kontor_pipeline_status_get_is_system (status))
    {
      set_why (why,
               /* Translators: %s is a column of the pipeline board */
               _("“%s” is linked to automatic e-mails and cannot be deleted."), name);
      return FALSE;
    }

  if (n_contacts > 0)
    {
      if (why != NULL)
        *why = g_strdup_printf (/* Translators: %s is a column, %'ld a number of contacts */
                                g_dngettext (GETTEXT_PACKAGE,
                                             "“%s” still holds %'ld contact. Move it to "
                                             "another column first.",
                                             "“%s” still holds %'ld contacts. Move them to "
                                             "another column first.",
                                             n_contacts),
                                name, (long) n_contacts);
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_pipeline_status_can_move:
 * @statuses: (element-type KontorPipelineStatus): all columns in board order
 * @index: the column to move
 * @delta: -1 to move it left, 1 to move it right
 * @why: (out) (optional) (transfer full): why not
 *
 * Returns: %TRUE when the column at @index may swap places with its
 *   neighbour: the first column stays first, nothing goes past the ends
 */
gboolean
kontor_pipeline_status_can_move (GPtrArray  *statuses,
                                 guint       index,
                                 int         delta,
                                 char      **why)
{
  g_autofree char *name = NULL;
  g_autofree char *first_name = NULL;
  gint64 target;

  g_return_val_if_fail (statuses != NULL && index < statuses->len, FALSE);
  g_return_val_if_fail (delta == -1 || delta == 1, FALSE);

  name = kontor_record_dup_display_name (g_ptr_array_index (statuses, index));
  first_name = kontor_record_dup_display_name (g_ptr_array_index (statuses, 0));
  target = (gint64) index + delta;

  if (index == 0)
    {
      if (why != NULL)
        *why = dup_first_column_why (name);
      return FALSE;
    }
  if (target == 0)
    {
      set_why (why,
               /* Translators: %s is the first column of the pipeline board */
               _("“%s” stays the first column."), first_name);
      return FALSE;
    }
  if (target >= (gint64) statuses->len)
    {
      set_why (why,
               /* Translators: %s is a column of the pipeline board */
               _("“%s” is already the last column."), name);
      return FALSE;
    }

  return TRUE;
}

static char *
dup_name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup (stripped);
}

/**
 * kontor_pipeline_status_name_is_free:
 * @statuses: (element-type KontorPipelineStatus): all columns
 * @name: a name for a column
 * @except_id: (nullable): the column being renamed, which may keep its name
 * @why: (out) (optional) (transfer full): why not
 *
 * Two columns of one name could not be told apart on the board, in its
 * settings or in a "Move To" menu; case and Unicode forms do not count.
 *
 * Returns: %TRUE when no other column has @name
 */
gboolean
kontor_pipeline_status_name_is_free (GPtrArray   *statuses,
                                     const char  *name,
                                     const char  *except_id,
                                     char       **why)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (statuses != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  key = dup_name_key (name);
  for (guint i = 0; i < statuses->len; i++)
    {
      KontorPipelineStatus *status = g_ptr_array_index (statuses, i);
      g_autofree char *other = NULL;
      g_autofree char *other_key = NULL;

      if (g_strcmp0 (kontor_record_get_id (KONTOR_RECORD (status)), except_id) == 0)
        continue;

      other = kontor_record_dup_display_name (KONTOR_RECORD (status));
      other_key = dup_name_key (other);
      if (g_str_equal (key, other_key))
        {
          set_why (why,
                   /* Translators: %s is a column of the pipeline board */
                   _("There is already a column named “%s”."), other);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
set_restricted (GError **error,
                char    *why)
{
  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED, why);
  g_free (why);

  return FALSE;
}

/* The rules of a column beyond those of its fields; the
 * KontorRecordClass.validate of #KontorPipelineStatus. That no two columns
 * share a name is the store's rule: it needs all of them. */
gboolean
_kontor_pipeline_status_check (KontorRecord  *record,
                               KontorRecord  *old_record,
                               GError       **error)
{
  KontorPipelineStatus *status = KONTOR_PIPELINE_STATUS (record);
  gboolean first = g_strcmp0 (kontor_pipeline_status_get_key (status),
                              KONTOR_PIPELINE_KEY_NEW) == 0;
  gint64 stale_days = kontor_pipeline_status_get_stale_days (status);
  char *why = NULL;

  if (kontor_pipeline_status_get_key (status) == NULL &&
      kontor_text_is_blank (kontor_pipeline_status_get_name (status)))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Enter a name for the column."));
      return FALSE;
    }

  /* The first column stays first, and nothing takes its place. The first
   * column is a system column and keeps the name of its key. */
  if (first != (kontor_pipeline_status_get_position (status) <= FIRST_POSITION))
    {
      why = dup_first_column_why (kontor_pipeline_key_to_string (KONTOR_PIPELINE_KEY_NEW));
      return set_restricted (error, why);
    }

  if (old_record != NULL &&
      g_strcmp0 (kontor_pipeline_status_get_name (status),
                 kontor_pipeline_status_get_name (KONTOR_PIPELINE_STATUS (old_record))) != 0 &&
      !kontor_pipeline_status_can_rename (KONTOR_PIPELINE_STATUS (old_record), &why))
    return set_restricted (error, why);

  if (stale_days < 0 || stale_days > KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS)
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   /* Translators: %d is the largest number of days allowed */
                   _("Cards can be marked stale after 0 to %d days."),
                   KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS);
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_pipeline_status_validate:
 * @status: a new column
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * The rules of a new column: a name, only the first column in first
 * place, a stale limit of 0 to %KONTOR_PIPELINE_STATUS_MAX_STALE_DAYS
 * days, and the rules of every field. A change of a stored column is
 * checked with kontor_record_validate(), which adds that a system column
 * keeps its name.
 *
 * Returns: %TRUE when @status may be stored
 */
gboolean
kontor_pipeline_status_validate (KontorPipelineStatus  *status,
                                 GError               **error)
{
  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), FALSE);

  return kontor_record_validate (KONTOR_RECORD (status), NULL, error);
}

/**
 * kontor_pipeline_status_validate_delete:
 * @status: a stored column
 * @n_contacts: how many contacts have it, archived and inbox contacts included
 * @error: return location for a #GError in %KONTOR_RECORD_ERROR
 *
 * kontor_pipeline_status_can_delete() as a #GError:
 * %KONTOR_RECORD_ERROR_RESTRICTED for a system column or one with contacts.
 *
 * Returns: %TRUE when @status may be deleted
 */
gboolean
kontor_pipeline_status_validate_delete (KontorPipelineStatus  *status,
                                        gint64                 n_contacts,
                                        GError               **error)
{
  char *why = NULL;

  g_return_val_if_fail (KONTOR_IS_PIPELINE_STATUS (status), FALSE);

  if (kontor_pipeline_status_can_delete (status, n_contacts, &why))
    return TRUE;

  return set_restricted (error, why);
}

/**
 * kontor_pipeline_is_move_part:
 * @column: a contact field's column
 *
 * A board move writes the contact's pipeline status and, with it, its
 * place in the column and the time it entered it. A sync conflict about
 * a move is therefore one about the status, which a person decides; the
 * place and the time follow the same answer (src/README.md "Conflicts").
 *
 * Returns: whether @column is written along with the pipeline status by a
 *   move: the rank or the time of entering
 */
gboolean
kontor_pipeline_is_move_part (const char *column)
{
  return g_strcmp0 (column, "rank") == 0 || g_strcmp0 (column, "pipeline_entered_at") == 0;
}
