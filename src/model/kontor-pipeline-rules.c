/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-pipeline-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-pipeline-rules.h"

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
                                             "“%s” still holds %'ld contact. Move it to another "
                                             "column first.",
                                             "“%s” still holds %'ld contacts. Move them to another "
                                             "column first.",
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
      set_why (why,
               /* Translators: %s is a column of the pipeline board */
               _("“%s” is where new contacts arrive and stays the first column."), name);
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
