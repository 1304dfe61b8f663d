/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-model"

#include "config.h"

#include <string.h>

#include "kontor-channel.h"
#include "kontor-company.h"
#include "kontor-contact-rules.h"
#include "kontor-contact.h"
#include "kontor-error.h"
#include "kontor-filter.h"
#include "kontor-group.h"
#include "kontor-pipeline-status.h"
#include "kontor-activity.h"
#include "kontor-employment.h"
#include "kontor-group-member.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-record-rules.h"
#include "kontor-team.h"
#include "kontor-user.h"

/* The model layer without a store: record properties and their
 * notifications, the field tables everything else is derived from, copies
 * and diffs, the contact rules (status lifecycle, validation), filters and
 * users. */

/* ------------------------------------------------------------------------ */
/* Helpers */

/* Counts "notify" emissions per property name. */
typedef struct
{
  GObject    *object;
  GHashTable *counts;    /* interned property name -> count */
  gulong      handler;
} NotifyCounter;

static void
on_notify_cb (GObject       *object,
              GParamSpec    *pspec,
              NotifyCounter *counter)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, pspec->name));

  g_hash_table_insert (counter->counts, (gpointer) g_intern_string (pspec->name),
                       GUINT_TO_POINTER (count + 1));
}

static NotifyCounter *
notify_counter_new (gpointer object)
{
  NotifyCounter *counter = g_new0 (NotifyCounter, 1);

  counter->object = g_object_ref (object);
  counter->counts = g_hash_table_new (g_str_hash, g_str_equal);
  counter->handler = g_signal_connect (object, "notify", G_CALLBACK (on_notify_cb), counter);

  return counter;
}

static void
notify_counter_free (NotifyCounter *counter)
{
  g_signal_handler_disconnect (counter->object, counter->handler);
  g_object_unref (counter->object);
  g_hash_table_unref (counter->counts);
  g_free (counter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyCounter, notify_counter_free)

static guint
notify_count (NotifyCounter *counter,
              const char    *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counter->counts, name));
}

static guint
notify_total (NotifyCounter *counter)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, counter->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

static void
notify_counter_reset (NotifyCounter *counter)
{
  g_hash_table_remove_all (counter->counts);
}

static GPtrArray *
make_channels (const char *first_label,
               ...)
{
  GPtrArray *channels = kontor_channel_array_new ();
  const char *label = first_label;
  va_list args;

  va_start (args, first_label);
  while (label != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_ptr_array_add (channels, kontor_channel_new (label, value));
      label = va_arg (args, const char *);
    }
  va_end (args);

  return channels;
}

static KontorContact *
make_full_contact (void)
{
  KontorContact *contact = kontor_contact_new ();
  const char *reps[] = { "user-1", "user-2", NULL };
  const char *assignees[] = { "user-3", NULL };

  kontor_record_set_id (KONTOR_RECORD (contact), "0190a1b2-c3d4-7e5f-a012-3456789abcde");
  kontor_record_set_rowid (KONTOR_RECORD (contact), 42);
  kontor_record_set_created_at (KONTOR_RECORD (contact), 1700000000);
  kontor_record_set_updated_at (KONTOR_RECORD (contact), 1700000100);
  kontor_record_set_rev (KONTOR_RECORD (contact), 7);

  kontor_contact_set_salutation (contact, KONTOR_SALUTATION_MS);
  kontor_contact_set_title (contact, "Dr.");
  kontor_contact_set_first_name (contact, "Anna");
  kontor_contact_set_last_name (contact, "Müller");
  kontor_contact_set_job_title (contact, "Einkauf");
  kontor_contact_set_company_id (contact, "company-1");
  kontor_contact_set_company_name (contact, "Müller & Söhne GmbH");
  kontor_contact_add_email (contact, "work", "anna.mueller@example.de");
  kontor_contact_add_email (contact, "home", "anna@example.org");
  kontor_contact_add_phone (contact, "work", "+49 30 1234567");
  kontor_contact_set_street (contact, "Hauptstraße 1");
  kontor_contact_set_postal_code (contact, "10115");
  kontor_contact_set_city (contact, "Berlin");
  kontor_contact_set_country (contact, "DE");
  kontor_contact_set_language (contact, KONTOR_LANGUAGE_EN);
  kontor_contact_set_notes (contact, "Mag Kaffee.");
  kontor_contact_set_birthday (contact, "1980-04-01");
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_contact_set_is_lead (contact, TRUE);
  kontor_contact_set_pipeline_status_id (contact, "status-1");
  kontor_contact_set_customer_number (contact, "K-2026-00001");
  kontor_contact_set_sales_reps (contact, reps);
  kontor_contact_set_assignees (contact, assignees);
  kontor_contact_set_rank (contact, "a0");
  kontor_contact_set_due_date (contact, "2026-05-01");
  kontor_contact_set_last_activity_at (contact, 1700000200);

  return contact;
}

static void
assert_field_table_sane (GType type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);
  g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) child_kinds = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             g_free, NULL);

  g_assert_nonnull (record_class->entity);
  g_assert_nonnull (record_class->fields);
  g_assert_cmpuint (record_class->n_fields, >, 0);

  for (guint i = 0; i < record_class->n_fields; i++)
    {
      const KontorField *field = &record_class->fields[i];
      GParamSpec *pspec;
      guint found = G_MAXUINT;

      g_assert_nonnull (field->name);
      g_assert_nonnull (field->column);
      g_assert_nonnull (field->label);
      if (!g_hash_table_add (columns, (gpointer) field->column))
        g_error ("%s: column “%s” used twice", record_class->entity, field->column);
      if (!g_hash_table_add (names, (gpointer) field->name))
        g_error ("%s: property “%s” used twice", record_class->entity, field->name);

      /* every field is a property of its own, found by its column */
      pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), field->name);
      g_assert_nonnull (pspec);
      g_assert_true (pspec == record_class->field_pspecs[i]);
      g_assert_true (pspec->value_type == kontor_field_value_type (field));
      g_assert_true (kontor_record_class_find_field (record_class, field->column, &found) == field);
      g_assert_cmpuint (found, ==, i);

      /* a field is stored, derived, or kept locally: never two of these */
      if (field->flags & KONTOR_FIELD_DERIVED)
        g_assert_false (field->flags & (KONTOR_FIELD_STORED | KONTOR_FIELD_LOCAL));
      if (field->flags & KONTOR_FIELD_LOCAL)
        g_assert_false (field->flags & KONTOR_FIELD_STORED);

      if (field->type == KONTOR_FIELD_TYPE_ENUM)
        {
          g_assert_nonnull (field->enum_type);
          g_assert_true (G_TYPE_IS_ENUM (field->enum_type ()));
        }

      if ((field->flags & KONTOR_FIELD_STORED) &&
          (field->type == KONTOR_FIELD_TYPE_CHANNELS || field->type == KONTOR_FIELD_TYPE_REFS))
        {
          g_autofree char *key = g_strdup_printf ("%d:%d", field->type, field->kind);

          if (field->type == KONTOR_FIELD_TYPE_CHANNELS)
            g_assert_true (field->kind == KONTOR_CHANNEL_KIND_EMAIL ||
                           field->kind == KONTOR_CHANNEL_KIND_PHONE);
          else
            g_assert_true (field->kind == KONTOR_LINK_KIND_SALES_REP ||
                           field->kind == KONTOR_LINK_KIND_ASSIGNEE ||
                           field->kind == KONTOR_LINK_KIND_TEAM);

          /* two fields of one kind would share their child rows */
          if (!g_hash_table_add (child_kinds, g_steal_pointer (&key)))
            g_error ("%s: “%s” has the kind of another field", record_class->entity,
                     field->column);
        }
    }

  g_assert_null (kontor_record_class_find_field (record_class, "no_such_column", NULL));
}

/* ------------------------------------------------------------------------ */
/* Contact properties */

static void
test_contact_new_defaults (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();

  g_assert_null (kontor_record_get_id (KONTOR_RECORD (contact)));
  g_assert_cmpint (kontor_record_get_rowid (KONTOR_RECORD (contact)), ==, 0);
  g_assert_cmpint (kontor_contact_get_status (contact), ==, KONTOR_CONTACT_STATUS_PROSPECT);
  g_assert_cmpint (kontor_contact_get_language (contact), ==, KONTOR_LANGUAGE_DE);
  g_assert_cmpint (kontor_contact_get_salutation (contact), ==, KONTOR_SALUTATION_NONE);
  g_assert_false (kontor_contact_get_is_lead (contact));
  g_assert_null (kontor_contact_get_first_name (contact));
  g_assert_null (kontor_contact_get_primary_email (contact));
  g_assert_null (kontor_contact_get_primary_phone (contact));
  g_assert_null (kontor_contact_get_sales_reps (contact));
  g_assert_cmpstr (kontor_record_get_entity (KONTOR_RECORD (contact)), ==, "contact");
}

static void
test_contact_setter_notifies_once (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(NotifyCounter) counter = notify_counter_new (contact);

  kontor_contact_set_job_title (contact, "Einkauf");
  g_assert_cmpstr (kontor_contact_get_job_title (contact), ==, "Einkauf");
  g_assert_cmpuint (notify_count (counter, "job-title"), ==, 1);
  g_assert_cmpuint (notify_total (counter), ==, 1);

  kontor_contact_set_is_lead (contact, TRUE);
  kontor_contact_set_language (contact, KONTOR_LANGUAGE_FR);
  kontor_contact_set_last_activity_at (contact, 1700000000);
  g_assert_cmpuint (notify_count (counter, "is-lead"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "language"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "last-activity-at"), ==, 1);
  g_assert_cmpuint (notify_total (counter), ==, 4);
}

/* The objection to marketing (feature X11): off by default, notified
 * once, stored and personal, and the one rule that reads it */
static void
test_contact_marketing_objection (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) copy = NULL;
  g_autoptr(NotifyCounter) counter = notify_counter_new (contact);
  g_autoptr(GArray) changed = NULL;
  const KontorField *fields;
  guint n_fields;

  g_assert_false (kontor_contact_get_marketing_objection (contact));
  g_assert_true (kontor_contact_allows_marketing (contact));

  kontor_contact_set_marketing_objection (contact, TRUE);
  g_assert_true (kontor_contact_get_marketing_objection (contact));
  g_assert_false (kontor_contact_allows_marketing (contact));
  g_assert_cmpuint (notify_count (counter, "marketing-objection"), ==, 1);
  kontor_contact_set_marketing_objection (contact, TRUE);
  g_assert_cmpuint (notify_total (counter), ==, 1);

  copy = KONTOR_CONTACT (kontor_record_copy (KONTOR_RECORD (contact)));
  g_assert_false (kontor_contact_allows_marketing (copy));
  kontor_contact_set_marketing_objection (copy, FALSE);
  g_assert_true (kontor_contact_allows_marketing (copy));
  changed = kontor_record_diff (KONTOR_RECORD (contact), KONTOR_RECORD (copy));
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpuint (g_array_index (changed, guint, 0), ==,
                    KONTOR_CONTACT_FIELD_MARKETING_OBJECTION);

  fields = kontor_record_get_fields (KONTOR_RECORD (contact), &n_fields);
  g_assert_cmpstr (fields[KONTOR_CONTACT_FIELD_MARKETING_OBJECTION].column, ==,
                   "marketing_objection");
  g_assert_true (fields[KONTOR_CONTACT_FIELD_MARKETING_OBJECTION].flags & KONTOR_FIELD_STORED);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_MARKETING_OBJECTION].flags & KONTOR_FIELD_PERSONAL);
  g_assert_false (fields[KONTOR_CONTACT_FIELD_MARKETING_OBJECTION].flags & KONTOR_FIELD_SEARCH);
}

static void
test_contact_setter_no_notify_when_unchanged (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(NotifyCounter) counter = NULL;
  const char *reps[] = { "user-1", NULL };
  const char *same_reps[] = { "user-1", NULL };
  const char *empty[] = { NULL };

  kontor_contact_set_job_title (contact, "Einkauf");
  kontor_contact_set_sales_reps (contact, reps);
  counter = notify_counter_new (contact);

  kontor_contact_set_job_title (contact, "Einkauf");
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_contact_set_is_lead (contact, FALSE);
  kontor_contact_set_sales_reps (contact, same_reps);
  /* NULL and "" are the same text; NULL and an empty list the same list */
  kontor_contact_set_city (contact, "");
  kontor_contact_set_city (contact, NULL);
  kontor_contact_set_assignees (contact, empty);
  kontor_contact_set_emails (contact, NULL);
  g_assert_cmpuint (notify_total (counter), ==, 0);
  g_assert_null (kontor_contact_get_city (contact));
  g_assert_null (kontor_contact_get_assignees (contact));

  /* "" clears a text and notifies once */
  kontor_contact_set_job_title (contact, "");
  g_assert_null (kontor_contact_get_job_title (contact));
  g_assert_cmpuint (notify_count (counter, "job-title"), ==, 1);
}

static void
test_contact_property_api (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(NotifyCounter) counter = notify_counter_new (contact);
  g_autofree char *first_name = NULL;
  KontorContactStatus status;

  g_object_set (contact, "first-name", "Anna", "status", KONTOR_CONTACT_STATUS_CUSTOMER, NULL);
  g_assert_cmpstr (kontor_contact_get_first_name (contact), ==, "Anna");
  g_assert_cmpuint (notify_count (counter, "first-name"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "status"), ==, 1);

  /* explicit notify: setting the same value through GObject is silent */
  notify_counter_reset (counter);
  g_object_set (contact, "first-name", "Anna", "status", KONTOR_CONTACT_STATUS_CUSTOMER, NULL);
  g_assert_cmpuint (notify_total (counter), ==, 0);

  g_object_get (contact, "first-name", &first_name, "status", &status, NULL);
  g_assert_cmpstr (first_name, ==, "Anna");
  g_assert_cmpint (status, ==, KONTOR_CONTACT_STATUS_CUSTOMER);
}

static void
test_contact_display_name_notifies (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(NotifyCounter) counter = notify_counter_new (contact);

  kontor_contact_set_first_name (contact, "Anna");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 1);
  kontor_contact_set_last_name (contact, "Müller");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 2);
  kontor_contact_set_title (contact, "Dr.");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 3);
  kontor_contact_set_company_name (contact, "ACME");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 4);

  /* fields the name is not made of */
  kontor_contact_set_job_title (contact, "Einkauf");
  kontor_contact_set_city (contact, "Berlin");
  kontor_contact_add_phone (contact, NULL, "030 1234567");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 4);

  /* unchanged: no notify */
  kontor_contact_set_last_name (contact, "Müller");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 4);
}

static void
test_contact_display_name (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autofree char *unnamed = NULL;
  g_autofree char *by_email = NULL;
  g_autofree char *by_company = NULL;
  g_autofree char *by_last = NULL;
  g_autofree char *full = NULL;
  g_autofree char *property = NULL;

  unnamed = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_assert_cmpstr (unnamed, ==, "Unnamed contact");

  kontor_contact_add_email (contact, NULL, "info@example.de");
  by_email = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_assert_cmpstr (by_email, ==, "info@example.de");

  kontor_contact_set_company_name (contact, "ACME GmbH");
  by_company = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_assert_cmpstr (by_company, ==, "ACME GmbH");

  kontor_contact_set_last_name (contact, "Müller");
  by_last = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_assert_cmpstr (by_last, ==, "Müller");

  kontor_contact_set_first_name (contact, "Anna");
  kontor_contact_set_title (contact, "Dr.");
  full = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_assert_cmpstr (full, ==, "Dr. Anna Müller");

  g_object_get (contact, "display-name", &property, NULL);
  g_assert_cmpstr (property, ==, "Dr. Anna Müller");
}

static void
test_contact_primary_channels (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(NotifyCounter) counter = notify_counter_new (contact);
  g_autoptr(GPtrArray) phones = make_channels ("mobile", "0171 2345678", "work", "030 123", NULL);
  g_autofree char *primary_email = NULL;
  g_autofree char *primary_phone = NULL;

  kontor_contact_add_email (contact, "work", "anna@example.de");
  g_assert_cmpstr (kontor_contact_get_primary_email (contact), ==, "anna@example.de");
  g_assert_cmpuint (notify_count (counter, "primary-email"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "emails"), ==, 1);

  kontor_contact_add_email (contact, "home", "anna@example.org");
  g_assert_cmpuint (kontor_contact_get_emails (contact)->len, ==, 2);
  g_assert_cmpstr (kontor_contact_get_primary_email (contact), ==, "anna@example.de");

  kontor_contact_set_phones (contact, phones);
  g_assert_cmpstr (kontor_contact_get_primary_phone (contact), ==, "0171 2345678");
  g_assert_cmpuint (notify_count (counter, "primary-phone"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "phones"), ==, 1);

  /* the same channels again: nothing changes */
  kontor_contact_set_phones (contact, phones);
  g_assert_cmpuint (notify_count (counter, "primary-phone"), ==, 1);

  g_object_get (contact, "primary-email", &primary_email, "primary-phone", &primary_phone, NULL);
  g_assert_cmpstr (primary_email, ==, "anna@example.de");
  g_assert_cmpstr (primary_phone, ==, "0171 2345678");

  kontor_contact_set_emails (contact, NULL);
  g_assert_null (kontor_contact_get_primary_email (contact));
  g_assert_cmpuint (notify_count (counter, "primary-email"), ==, 3);
}

static void
test_contact_channels_deep_copied (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorRecord) copy = NULL;
  g_autoptr(GPtrArray) emails = make_channels ("work", "anna@example.de", NULL);
  GPtrArray *stored;
  GPtrArray *copied;
  KontorChannel *channel;

  kontor_contact_set_emails (contact, emails);
  stored = kontor_contact_get_emails (contact);
  g_assert_true (stored != emails);
  g_assert_true (g_ptr_array_index (stored, 0) != g_ptr_array_index (emails, 0));
  g_assert_true (kontor_channel_array_equal (stored, emails));

  /* changing the caller's array later does not change the contact */
  channel = g_ptr_array_index (emails, 0);
  g_free (channel->value);
  channel->value = g_strdup ("other@example.de");
  g_ptr_array_add (emails, kontor_channel_new ("home", "x@example.de"));
  g_assert_cmpuint (kontor_contact_get_emails (contact)->len, ==, 1);
  g_assert_cmpstr (kontor_contact_get_primary_email (contact), ==, "anna@example.de");

  /* a copy of the record has channels of its own */
  copy = kontor_record_copy (KONTOR_RECORD (contact));
  copied = kontor_contact_get_emails (KONTOR_CONTACT (copy));
  g_assert_true (copied != stored);
  g_assert_true (g_ptr_array_index (copied, 0) != g_ptr_array_index (stored, 0));
  g_assert_true (kontor_channel_array_equal (copied, stored));
  kontor_contact_add_email (KONTOR_CONTACT (copy), NULL, "new@example.de");
  g_assert_cmpuint (kontor_contact_get_emails (contact)->len, ==, 1);
}

static void
test_channel_equal_and_copy (void)
{
  g_autoptr(KontorChannel) a = kontor_channel_new ("work", "a@example.de");
  g_autoptr(KontorChannel) b = kontor_channel_copy (a);
  g_autoptr(GPtrArray) empty = kontor_channel_array_new ();
  g_autoptr(GPtrArray) copy = kontor_channel_array_copy (NULL);

  g_assert_true (kontor_channel_equal (a, b));
  b->id = g_strdup ("id-1");
  g_assert_false (kontor_channel_equal (a, b));
  g_assert_false (kontor_channel_equal (a, NULL));
  g_assert_true (kontor_channel_equal (NULL, NULL));

  /* NULL and an empty array are the same list */
  g_assert_true (kontor_channel_array_equal (NULL, empty));
  g_assert_nonnull (copy);
  g_assert_cmpuint (copy->len, ==, 0);

  g_assert_cmpstr (kontor_channel_label_to_string ("mobile"), ==, "Mobile");
  g_assert_cmpstr (kontor_channel_label_to_string ("Zentrale"), ==, "Zentrale");
  g_assert_cmpstr (kontor_channel_label_to_string (NULL), ==, "");
}

/* ------------------------------------------------------------------------ */
/* Copy, diff, update */

static void
test_record_copy (void)
{
  g_autoptr(KontorContact) contact = make_full_contact ();
  g_autoptr(KontorRecord) copy = kontor_record_copy (KONTOR_RECORD (contact));
  g_autoptr(GArray) diff = NULL;
  KontorRecord *record = KONTOR_RECORD (contact);
  guint n_fields;

  g_assert_true (KONTOR_IS_CONTACT (copy));
  g_assert_true (copy != record);
  g_assert_cmpstr (kontor_record_get_id (copy), ==, kontor_record_get_id (record));
  g_assert_cmpint (kontor_record_get_rowid (copy), ==, 42);
  g_assert_cmpint (kontor_record_get_created_at (copy), ==, 1700000000);
  g_assert_cmpint (kontor_record_get_updated_at (copy), ==, 1700000100);
  g_assert_cmpint (kontor_record_get_rev (copy), ==, 7);

  diff = kontor_record_diff (record, copy);
  g_assert_cmpuint (diff->len, ==, 0);

  /* every field, stored or not, is equal */
  kontor_record_get_fields (record, &n_fields);
  g_assert_cmpuint (n_fields, ==, KONTOR_CONTACT_N_FIELDS);
  for (guint i = 0; i < n_fields; i++)
    {
      const KontorField *field = &kontor_record_get_fields (record, &n_fields)[i];

      if (!kontor_field_value_equal (field, kontor_record_get_value (record, i),
                                     kontor_record_get_value (copy, i)))
        g_error ("field “%s” differs in the copy", field->name);
    }

  /* the copy is independent */
  kontor_contact_set_last_name (KONTOR_CONTACT (copy), "Schmidt");
  g_assert_cmpstr (kontor_contact_get_last_name (contact), ==, "Müller");
}

static void
test_record_diff (void)
{
  g_autoptr(KontorContact) contact = make_full_contact ();
  g_autoptr(KontorRecord) copy = kontor_record_copy (KONTOR_RECORD (contact));
  g_autoptr(GArray) diff = NULL;
  g_autoptr(GArray) none = NULL;
  const char *reps[] = { "user-1", NULL };

  /* in field-table order, whatever order they were changed in */
  kontor_contact_set_notes (KONTOR_CONTACT (copy), "Trinkt Tee.");
  kontor_contact_set_first_name (KONTOR_CONTACT (copy), "Anne");
  kontor_contact_set_sales_reps (KONTOR_CONTACT (copy), reps);
  kontor_contact_add_phone (KONTOR_CONTACT (copy), "mobile", "0171 2345678");
  /* not stored: the company's name is a join, the last activity the store's */
  kontor_contact_set_company_name (KONTOR_CONTACT (copy), "Other GmbH");
  kontor_contact_set_pipeline_status_name (KONTOR_CONTACT (copy), "Other");
  kontor_contact_set_last_activity_at (KONTOR_CONTACT (copy), 1800000000);

  diff = kontor_record_diff (KONTOR_RECORD (contact), copy);
  g_assert_cmpuint (diff->len, ==, 4);
  g_assert_cmpuint (g_array_index (diff, guint, 0), ==, KONTOR_CONTACT_FIELD_FIRST_NAME);
  g_assert_cmpuint (g_array_index (diff, guint, 1), ==, KONTOR_CONTACT_FIELD_PHONES);
  g_assert_cmpuint (g_array_index (diff, guint, 2), ==, KONTOR_CONTACT_FIELD_NOTES);
  g_assert_cmpuint (g_array_index (diff, guint, 3), ==, KONTOR_CONTACT_FIELD_SALES_REPS);

  /* a record does not differ from itself */
  none = kontor_record_diff (copy, copy);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_record_diff_channel_label (void)
{
  g_autoptr(KontorContact) contact = make_full_contact ();
  g_autoptr(KontorRecord) copy = kontor_record_copy (KONTOR_RECORD (contact));
  g_autoptr(GPtrArray) emails = kontor_channel_array_copy (kontor_contact_get_emails (contact));
  g_autoptr(GArray) diff = NULL;
  KontorChannel *channel = g_ptr_array_index (emails, 1);

  g_free (channel->label);
  channel->label = g_strdup ("other");
  kontor_contact_set_emails (KONTOR_CONTACT (copy), emails);

  diff = kontor_record_diff (KONTOR_RECORD (contact), copy);
  g_assert_cmpuint (diff->len, ==, 1);
  g_assert_cmpuint (g_array_index (diff, guint, 0), ==, KONTOR_CONTACT_FIELD_EMAILS);
}

static void
test_record_update_from (void)
{
  g_autoptr(KontorContact) contact = make_full_contact ();
  g_autoptr(KontorRecord) newer = kontor_record_copy (KONTOR_RECORD (contact));
  g_autoptr(NotifyCounter) counter = notify_counter_new (contact);
  g_autoptr(GArray) diff = NULL;

  kontor_contact_set_city (KONTOR_CONTACT (newer), "Hamburg");
  kontor_contact_set_last_name (KONTOR_CONTACT (newer), "Schmidt");
  kontor_record_set_rev (newer, 8);

  kontor_record_update_from (KONTOR_RECORD (contact), newer);

  g_assert_cmpstr (kontor_contact_get_city (contact), ==, "Hamburg");
  g_assert_cmpstr (kontor_contact_get_last_name (contact), ==, "Schmidt");
  g_assert_cmpint (kontor_record_get_rev (KONTOR_RECORD (contact)), ==, 8);
  diff = kontor_record_diff (KONTOR_RECORD (contact), newer);
  g_assert_cmpuint (diff->len, ==, 0);

  /* only what changed notifies, once each */
  g_assert_cmpuint (notify_count (counter, "city"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "last-name"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "rev"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "first-name"), ==, 0);
  g_assert_cmpuint (notify_count (counter, "emails"), ==, 0);
  g_assert_cmpuint (notify_total (counter), ==, 4);

  /* the same state again: silence */
  notify_counter_reset (counter);
  kontor_record_update_from (KONTOR_RECORD (contact), newer);
  g_assert_cmpuint (notify_total (counter), ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Field tables */

static void
test_field_tables_sane (void)
{
  const GType types[] = {
    KONTOR_TYPE_CONTACT, KONTOR_TYPE_COMPANY, KONTOR_TYPE_USER, KONTOR_TYPE_TEAM,
    KONTOR_TYPE_GROUP, KONTOR_TYPE_PIPELINE_STATUS, KONTOR_TYPE_EMPLOYMENT,
    KONTOR_TYPE_ACTIVITY,
    KONTOR_TYPE_GROUP_MEMBER,
    KONTOR_TYPE_LEAD_PROJECT,
    KONTOR_TYPE_LEAD_STATUS,
    KONTOR_TYPE_LEAD_ENTRY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    assert_field_table_sane (types[i]);
}

static void
test_field_table_contact_order (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  const KontorField *fields;
  guint n_fields;

  /* the enum of indexes and the table agree */
  fields = kontor_record_get_fields (KONTOR_RECORD (contact), &n_fields);
  g_assert_cmpstr (fields[KONTOR_CONTACT_FIELD_FIRST_NAME].column, ==, "first_name");
  g_assert_cmpstr (fields[KONTOR_CONTACT_FIELD_EMAILS].column, ==, "emails");
  g_assert_cmpstr (fields[KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER].column, ==, "customer_number");
  g_assert_cmpstr (fields[KONTOR_CONTACT_FIELD_LAST_ACTIVITY_AT].column, ==, "last_activity_at");

  /* what must be wiped when a person is deleted is marked personal */
  g_assert_true (fields[KONTOR_CONTACT_FIELD_FIRST_NAME].flags & KONTOR_FIELD_PERSONAL);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_LAST_NAME].flags & KONTOR_FIELD_PERSONAL);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_EMAILS].flags & KONTOR_FIELD_PERSONAL);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_PHONES].flags & KONTOR_FIELD_PERSONAL);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_BIRTHDAY].flags & KONTOR_FIELD_PERSONAL);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_NOTES].flags & KONTOR_FIELD_PERSONAL);

  /* what search covers (src/README.md): names, company, e-mail, phone, number, notes */
  g_assert_true (fields[KONTOR_CONTACT_FIELD_LAST_NAME].flags & KONTOR_FIELD_SEARCH);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_COMPANY_NAME].flags & KONTOR_FIELD_SEARCH);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_EMAILS].flags & KONTOR_FIELD_SEARCH);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_PHONES].flags & KONTOR_FIELD_SEARCH);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_CUSTOMER_NUMBER].flags & KONTOR_FIELD_SEARCH);
  g_assert_true (fields[KONTOR_CONTACT_FIELD_NOTES].flags & KONTOR_FIELD_SEARCH);
}

static void
test_field_value_equal_and_empty (void)
{
  static const KontorField text = { "x", "x", KONTOR_FIELD_TYPE_STRING, 0, "x" };
  static const KontorField refs = { "y", "y", KONTOR_FIELD_TYPE_REFS, 0, "y" };
  const char *one[] = { "a", NULL };
  const char *none[] = { NULL };
  GValue a = G_VALUE_INIT;
  GValue b = G_VALUE_INIT;

  g_value_init (&a, G_TYPE_STRING);
  g_value_init (&b, G_TYPE_STRING);
  g_value_set_string (&b, "");
  g_assert_true (kontor_field_value_equal (&text, &a, &b));
  g_assert_true (kontor_field_value_is_empty (&text, &b));
  g_value_set_string (&b, "b");
  g_assert_false (kontor_field_value_equal (&text, &a, &b));
  g_assert_false (kontor_field_value_is_empty (&text, &b));
  g_value_unset (&a);
  g_value_unset (&b);

  g_value_init (&a, G_TYPE_STRV);
  g_value_init (&b, G_TYPE_STRV);
  g_value_set_boxed (&b, none);
  g_assert_true (kontor_field_value_equal (&refs, &a, &b));
  g_assert_true (kontor_field_value_is_empty (&refs, &b));
  g_value_set_boxed (&b, one);
  g_assert_false (kontor_field_value_equal (&refs, &a, &b));
  g_value_unset (&a);
  g_value_unset (&b);
}

/* ------------------------------------------------------------------------ */
/* Status rules */

static void
test_status_change_rules (void)
{
  for (int from = KONTOR_CONTACT_STATUS_INBOX; from <= KONTOR_CONTACT_STATUS_ARCHIVED; from++)
    {
      for (int to = KONTOR_CONTACT_STATUS_INBOX; to <= KONTOR_CONTACT_STATUS_ARCHIVED; to++)
        {
          KontorStatusChange expected;

          if (from == to)
            expected = KONTOR_STATUS_CHANGE_NONE;
          else if (from == KONTOR_CONTACT_STATUS_PROSPECT && to == KONTOR_CONTACT_STATUS_CUSTOMER)
            expected = KONTOR_STATUS_CHANGE_CONFIRM;
          else
            expected = KONTOR_STATUS_CHANGE_ALLOWED;

          g_assert_cmpint (kontor_contact_status_change (from, to), ==, expected);
        }
    }

  /* the one that asks, spelled out */
  g_assert_cmpint (kontor_contact_status_change (KONTOR_CONTACT_STATUS_PROSPECT,
                                                 KONTOR_CONTACT_STATUS_CUSTOMER),
                   ==, KONTOR_STATUS_CHANGE_CONFIRM);
  g_assert_cmpint (kontor_contact_status_change (KONTOR_CONTACT_STATUS_CUSTOMER,
                                                 KONTOR_CONTACT_STATUS_PROSPECT),
                   ==, KONTOR_STATUS_CHANGE_ALLOWED);
  g_assert_cmpint (kontor_contact_status_change (KONTOR_CONTACT_STATUS_INBOX,
                                                 KONTOR_CONTACT_STATUS_CUSTOMER),
                   ==, KONTOR_STATUS_CHANGE_ALLOWED);
}

static void
test_status_restricted (void)
{
  g_assert_true (kontor_contact_status_is_restricted (KONTOR_CONTACT_STATUS_INBOX));
  g_assert_true (kontor_contact_status_is_restricted (KONTOR_CONTACT_STATUS_ARCHIVED));
  g_assert_false (kontor_contact_status_is_restricted (KONTOR_CONTACT_STATUS_PROSPECT));
  g_assert_false (kontor_contact_status_is_restricted (KONTOR_CONTACT_STATUS_CUSTOMER));
}

static void
test_status_reactivated (void)
{
  g_assert_cmpint (kontor_contact_status_reactivated (KONTOR_CONTACT_STATUS_CUSTOMER),
                   ==, KONTOR_CONTACT_STATUS_CUSTOMER);
  g_assert_cmpint (kontor_contact_status_reactivated (KONTOR_CONTACT_STATUS_PROSPECT),
                   ==, KONTOR_CONTACT_STATUS_PROSPECT);
  g_assert_cmpint (kontor_contact_status_reactivated (KONTOR_CONTACT_STATUS_INBOX),
                   ==, KONTOR_CONTACT_STATUS_PROSPECT);
  g_assert_cmpint (kontor_contact_status_reactivated (KONTOR_CONTACT_STATUS_ARCHIVED),
                   ==, KONTOR_CONTACT_STATUS_PROSPECT);
}

static void
test_status_names (void)
{
  g_assert_cmpstr (kontor_contact_status_to_nick (KONTOR_CONTACT_STATUS_INBOX), ==, "inbox");
  g_assert_cmpstr (kontor_contact_status_to_nick (KONTOR_CONTACT_STATUS_PROSPECT), ==, "prospect");
  g_assert_cmpstr (kontor_contact_status_to_nick (KONTOR_CONTACT_STATUS_CUSTOMER), ==, "customer");
  g_assert_cmpstr (kontor_contact_status_to_nick (KONTOR_CONTACT_STATUS_ARCHIVED), ==, "archived");
  g_assert_cmpstr (kontor_contact_status_to_string (KONTOR_CONTACT_STATUS_ARCHIVED), ==,
                   "Archived");
  g_assert_cmpstr (kontor_salutation_to_string (KONTOR_SALUTATION_MS), ==, "Ms");
  g_assert_cmpstr (kontor_language_to_string (KONTOR_LANGUAGE_IT), ==, "Italian");
}

/* ------------------------------------------------------------------------ */
/* Validation */

static void
test_validate_needs_name_or_company (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (kontor_contact_validate (contact, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* an e-mail address alone is not enough */
  kontor_contact_add_email (contact, NULL, "anna@example.de");
  g_assert_false (kontor_contact_validate (contact, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);

  kontor_contact_set_last_name (contact, "Müller");
  g_assert_true (kontor_contact_validate (contact, &error));
  g_assert_no_error (error);

  kontor_contact_set_last_name (contact, NULL);
  kontor_contact_set_first_name (contact, "Anna");
  g_assert_true (kontor_contact_validate (contact, NULL));

  kontor_contact_set_first_name (contact, NULL);
  kontor_contact_set_company_name (contact, "ACME GmbH");
  g_assert_true (kontor_contact_validate (contact, NULL));

  kontor_contact_set_company_name (contact, NULL);
  kontor_contact_set_company_id (contact, "company-1");
  g_assert_true (kontor_contact_validate (contact, NULL));

  /* blanks are no name */
  kontor_contact_set_company_id (contact, "");
  kontor_contact_set_first_name (contact, "");
  g_assert_false (kontor_contact_validate (contact, NULL));
}

static void
test_validate_bad_email (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;

  kontor_contact_set_last_name (contact, "Müller");
  kontor_contact_add_email (contact, "work", "anna@example.de");
  kontor_contact_add_email (contact, "home", "anna(at)example.de");

  g_assert_false (kontor_contact_validate (contact, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_EMAIL);
  g_assert_nonnull (strstr (error->message, "anna(at)example.de"));
}

static void
test_validate_dates (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;

  kontor_contact_set_last_name (contact, "Müller");
  kontor_contact_set_birthday (contact, "2000-02-29");
  kontor_contact_set_due_date (contact, "2026-12-31");
  g_assert_true (kontor_contact_validate (contact, &error));
  g_assert_no_error (error);

  kontor_contact_set_birthday (contact, "2001-02-29");
  g_assert_false (kontor_contact_validate (contact, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE);
  g_assert_nonnull (strstr (error->message, "2001-02-29"));
  g_clear_error (&error);

  kontor_contact_set_birthday (contact, "01.04.1980");
  g_assert_false (kontor_contact_validate (contact, &error));
  g_assert_nonnull (strstr (error->message, "01.04.1980"));
  g_clear_error (&error);

  kontor_contact_set_birthday (contact, NULL);
  kontor_contact_set_due_date (contact, "2026-13-01");
  g_assert_false (kontor_contact_validate (contact, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE);
  g_assert_nonnull (strstr (error->message, "2026-13-01"));
}

static void
test_date_is_valid (void)
{
  const char *good[] = { "2024-02-29", "1999-12-31", "2026-01-01", "1900-06-15" };
  const char *bad[] = {
    "", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01", "2024-01-1",
    "24-01-01", "2024/01/01", "01.04.1980", "2024-01-01x", "2024-01-01 ", "abcd-ef-gh",
    "0000-01-01",
    /* ten characters, but not YYYY-MM-DD */
    "2024- 1-01", "2024-01- 1", " 2024-1-01", "+024-01-01", "-024-01-01", "2024-+1-01",
  };

  g_assert_false (kontor_date_is_valid (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!kontor_date_is_valid (good[i]))
        g_test_fail_printf ("“%s” should be a valid date", good[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (kontor_date_is_valid (bad[i]))
        g_test_fail_printf ("“%s” should not be a valid date", bad[i]);
    }
}

/* ------------------------------------------------------------------------ */
/* Other records */

static void
test_company_display_name (void)
{
  g_autoptr(KontorCompany) company = kontor_company_new (NULL);
  g_autoptr(NotifyCounter) counter = notify_counter_new (company);
  g_autofree char *unnamed = kontor_record_dup_display_name (KONTOR_RECORD (company));
  g_autofree char *named = NULL;

  g_assert_cmpstr (unnamed, ==, "Unnamed company");
  kontor_company_set_name (company, "Müller & Söhne");
  named = kontor_record_dup_display_name (KONTOR_RECORD (company));
  g_assert_cmpstr (named, ==, "Müller & Söhne");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "name"), ==, 1);
  g_assert_cmpstr (kontor_record_get_entity (KONTOR_RECORD (company)), ==, "company");
}

static void
test_pipeline_status_display_name (void)
{
  g_autoptr(KontorPipelineStatus) status = kontor_pipeline_status_new (NULL);
  g_autofree char *builtin = NULL;
  g_autofree char *renamed = NULL;

  kontor_pipeline_status_set_key (status, KONTOR_PIPELINE_KEY_NEW);
  builtin = kontor_record_dup_display_name (KONTOR_RECORD (status));
  g_assert_cmpstr (builtin, ==, "New contacts");

  kontor_pipeline_status_set_name (status, "Frisch");
  renamed = kontor_record_dup_display_name (KONTOR_RECORD (status));
  g_assert_cmpstr (renamed, ==, "Frisch");

  g_assert_null (kontor_pipeline_key_to_string ("no-such-key"));
  g_assert_null (kontor_pipeline_key_to_string (NULL));
}

static void
test_user_initials (void)
{
  const struct {
    const char *username;
    const char *full_name;
    const char *initials;
  } cases[] = {
    { "als", "Anna-Lena Schmidt", "AS" },
    { "jm", "Jürgen Müller", "JM" },
    { "hpm", "Hans Peter Meier", "HM" },
    { "x", "  Hans   Meier  ", "HM" },
    { "oe", "Özlem", "Ö" },
    { "anna", NULL, "A" },
    { "élodie", "élodie durand", "ÉD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KontorUser) user = kontor_user_new (cases[i].username, cases[i].full_name,
                                                    KONTOR_USER_ROLE_SALES);
      g_autofree char *initials = kontor_user_dup_initials (user);

      g_assert_cmpstr (initials, ==, cases[i].initials);
    }
}

static void
test_user_display_name_and_color (void)
{
  g_autoptr(KontorUser) user = kontor_user_new ("anna", NULL, KONTOR_USER_ROLE_ADMIN);
  g_autoptr(KontorUser) twin = kontor_user_new ("anna2", NULL, KONTOR_USER_ROLE_ADMIN);
  g_autoptr(NotifyCounter) counter = notify_counter_new (user);
  g_autofree char *by_username = kontor_record_dup_display_name (KONTOR_RECORD (user));
  g_autofree char *by_name = NULL;

  g_assert_cmpstr (by_username, ==, "anna");
  kontor_user_set_full_name (user, "Anna Schmidt");
  by_name = kontor_record_dup_display_name (KONTOR_RECORD (user));
  g_assert_cmpstr (by_name, ==, "Anna Schmidt");
  g_assert_cmpuint (notify_count (counter, "display-name"), ==, 1);

  /* the colour follows the id, the same on every machine */
  g_assert_cmpuint (kontor_user_get_color_index (user), ==, 0);
  kontor_record_set_id (KONTOR_RECORD (user), "0190a1b2-c3d4-7e5f-a012-3456789abcde");
  kontor_record_set_id (KONTOR_RECORD (twin), "0190a1b2-c3d4-7e5f-a012-3456789abcde");
  g_assert_cmpuint (kontor_user_get_color_index (user), <, 8);
  g_assert_cmpuint (kontor_user_get_color_index (user), ==, kontor_user_get_color_index (twin));
  g_assert_cmpstr (kontor_record_get_entity (KONTOR_RECORD (user)), ==, "app_user");
}

static void
test_user_roles (void)
{
  g_assert_true (kontor_user_role_can_edit (KONTOR_USER_ROLE_ADMIN));
  g_assert_true (kontor_user_role_can_edit (KONTOR_USER_ROLE_SALES));
  g_assert_true (kontor_user_role_can_edit (KONTOR_USER_ROLE_ASSISTANT));
  g_assert_false (kontor_user_role_can_edit (KONTOR_USER_ROLE_VIEWER));

  g_assert_false (kontor_user_role_can_sell (KONTOR_USER_ROLE_ADMIN));
  g_assert_true (kontor_user_role_can_sell (KONTOR_USER_ROLE_SALES));
  g_assert_false (kontor_user_role_can_sell (KONTOR_USER_ROLE_ASSISTANT));
  g_assert_false (kontor_user_role_can_sell (KONTOR_USER_ROLE_VIEWER));

  for (int role = KONTOR_USER_ROLE_ADMIN; role <= KONTOR_USER_ROLE_VIEWER; role++)
    g_assert_cmpstr (kontor_user_role_to_string (role), !=, "");
}

/* A former employment (feature C3): its contact and company, and an end
 * not before its start; a company change needs another company */
static void
test_employment_rules (void)
{
  g_autoptr(KontorEmployment) employment = kontor_employment_new ("c", "f");
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (kontor_record_get_entity (KONTOR_RECORD (employment)), ==, "employment");
  kontor_employment_set_started_on (employment, "2020-02-01");
  kontor_employment_set_ended_on (employment, "2026-12-06");
  g_assert_true (kontor_record_validate (KONTOR_RECORD (employment), NULL, &error));
  g_assert_no_error (error);

  kontor_employment_set_ended_on (employment, "2019-12-31");
  g_assert_false (kontor_record_validate (KONTOR_RECORD (employment), NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE);
  g_clear_error (&error);

  kontor_employment_set_ended_on (employment, "2026-02-30");
  g_assert_false (kontor_record_validate (KONTOR_RECORD (employment), NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE);
  g_clear_error (&error);

  kontor_employment_set_ended_on (employment, "2026-12-06");
  kontor_employment_set_company_id (employment, NULL);
  g_assert_false (kontor_record_validate (KONTOR_RECORD (employment), NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);

  kontor_contact_set_company_id (contact, "f");
  g_assert_false (kontor_contact_check_company_change (contact, "f", &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (kontor_contact_check_company_change (contact, NULL, &error));
  g_assert_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_true (kontor_contact_check_company_change (contact, "g", &error));
  g_assert_no_error (error);
}

static void
test_team_and_group (void)
{
  g_autoptr(KontorTeam) team = kontor_team_new ("Vertrieb Nord");
  g_autoptr(KontorGroup) group = kontor_group_new (NULL);
  g_autofree char *team_name = kontor_record_dup_display_name (KONTOR_RECORD (team));
  g_autofree char *group_name = kontor_record_dup_display_name (KONTOR_RECORD (group));

  g_assert_cmpstr (team_name, ==, "Vertrieb Nord");
  g_assert_cmpstr (group_name, ==, "Unnamed group");
  g_assert_cmpstr (kontor_record_get_entity (KONTOR_RECORD (team)), ==, "team");
  g_assert_cmpstr (kontor_record_get_entity (KONTOR_RECORD (group)), ==, "contact_group");
}

/* ------------------------------------------------------------------------ */
/* Filters */

static void
test_filter_defaults (void)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();

  g_assert_null (kontor_filter_get_search_text (filter));
  g_assert_cmpuint (kontor_filter_get_statuses (filter), ==, 0);
  g_assert_false (kontor_filter_get_leads_only (filter));
  g_assert_null (kontor_filter_get_pipeline_status_id (filter));
  g_assert_null (kontor_filter_get_assignee_id (filter));
  g_assert_null (kontor_filter_get_company_id (filter));
  g_assert_cmpint (kontor_filter_get_sort_column (filter), ==, KONTOR_SORT_NAME);
  g_assert_false (kontor_filter_get_sort_descending (filter));
}

static void
test_filter_notify (void)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(NotifyCounter) counter = notify_counter_new (filter);

  kontor_filter_set_search_text (filter, "mül");
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
  kontor_filter_set_leads_only (filter, TRUE);
  kontor_filter_set_pipeline_status_id (filter, "status-1");
  kontor_filter_set_assignee_id (filter, "user-1");
  kontor_filter_set_company_id (filter, "company-1");
  kontor_filter_set_sort_column (filter, KONTOR_SORT_COMPANY);
  kontor_filter_set_sort_descending (filter, TRUE);

  g_assert_cmpuint (notify_count (counter, "search-text"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "statuses"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "leads-only"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "pipeline-status-id"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "assignee-id"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "company-id"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "sort-column"), ==, 1);
  g_assert_cmpuint (notify_count (counter, "sort-descending"), ==, 1);
  g_assert_cmpuint (notify_total (counter), ==, 8);

  /* the same values again: silence, also through g_object_set */
  notify_counter_reset (counter);
  kontor_filter_set_search_text (filter, "mül");
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK_ACTIVE);
  kontor_filter_set_leads_only (filter, TRUE);
  kontor_filter_set_sort_column (filter, KONTOR_SORT_COMPANY);
  g_object_set (filter, "company-id", "company-1", "sort-descending", TRUE, NULL);
  g_assert_cmpuint (notify_total (counter), ==, 0);

  /* "" is no search, the same as none */
  kontor_filter_set_search_text (filter, "");
  g_assert_null (kontor_filter_get_search_text (filter));
  g_assert_cmpuint (notify_count (counter, "search-text"), ==, 1);
  kontor_filter_set_search_text (filter, NULL);
  g_assert_cmpuint (notify_count (counter, "search-text"), ==, 1);
}

static void
test_filter_copy_equal (void)
{
  g_autoptr(KontorFilter) filter = kontor_filter_new ();
  g_autoptr(KontorFilter) copy = NULL;
  g_autoptr(KontorFilter) fresh = kontor_filter_new ();

  g_assert_true (kontor_filter_equal (filter, fresh));

  kontor_filter_set_search_text (filter, "mül");
  kontor_filter_set_statuses (filter, KONTOR_STATUS_MASK (KONTOR_CONTACT_STATUS_INBOX));
  kontor_filter_set_leads_only (filter, TRUE);
  kontor_filter_set_pipeline_status_id (filter, "status-1");
  kontor_filter_set_assignee_id (filter, "user-1");
  kontor_filter_set_company_id (filter, "company-1");
  kontor_filter_set_sort_column (filter, KONTOR_SORT_DUE_DATE);
  kontor_filter_set_sort_descending (filter, TRUE);
  g_assert_false (kontor_filter_equal (filter, fresh));

  copy = kontor_filter_copy (filter);
  g_assert_true (copy != filter);
  g_assert_true (kontor_filter_equal (filter, copy));
  g_assert_cmpstr (kontor_filter_get_search_text (copy), ==, "mül");
  g_assert_cmpint (kontor_filter_get_sort_column (copy), ==, KONTOR_SORT_DUE_DATE);

  /* independent: changing the copy leaves the original */
  kontor_filter_set_search_text (copy, "anna");
  g_assert_cmpstr (kontor_filter_get_search_text (filter), ==, "mül");
  g_assert_false (kontor_filter_equal (filter, copy));
  kontor_filter_set_search_text (copy, "mül");
  g_assert_true (kontor_filter_equal (filter, copy));

  /* each field counts */
  kontor_filter_set_assignee_id (copy, NULL);
  g_assert_false (kontor_filter_equal (filter, copy));
  kontor_filter_set_assignee_id (copy, "user-1");
  kontor_filter_set_sort_descending (copy, FALSE);
  g_assert_false (kontor_filter_equal (filter, copy));
  kontor_filter_set_sort_descending (copy, TRUE);
  kontor_filter_set_statuses (copy, 0);
  g_assert_false (kontor_filter_equal (filter, copy));
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model/contact/new-defaults", test_contact_new_defaults);
  g_test_add_func ("/model/contact/setter-notifies-once", test_contact_setter_notifies_once);
  g_test_add_func ("/model/contact/setter-silent-when-unchanged",
                   test_contact_setter_no_notify_when_unchanged);
  g_test_add_func ("/model/contact/property-api", test_contact_property_api);
  g_test_add_func ("/model/contact/marketing-objection", test_contact_marketing_objection);
  g_test_add_func ("/model/contact/display-name-notifies", test_contact_display_name_notifies);
  g_test_add_func ("/model/contact/display-name", test_contact_display_name);
  g_test_add_func ("/model/contact/primary-channels", test_contact_primary_channels);
  g_test_add_func ("/model/contact/channels-deep-copied", test_contact_channels_deep_copied);
  g_test_add_func ("/model/channel/equal-and-copy", test_channel_equal_and_copy);

  g_test_add_func ("/model/record/copy", test_record_copy);
  g_test_add_func ("/model/record/diff-stored-fields-in-order", test_record_diff);
  g_test_add_func ("/model/record/diff-channel-label", test_record_diff_channel_label);
  g_test_add_func ("/model/record/update-from-notifies-changes-only", test_record_update_from);

  g_test_add_func ("/model/field-table/sane", test_field_tables_sane);
  g_test_add_func ("/model/field-table/contact-flags", test_field_table_contact_order);
  g_test_add_func ("/model/field/value-equal-and-empty", test_field_value_equal_and_empty);

  g_test_add_func ("/model/status/change-rules", test_status_change_rules);
  g_test_add_func ("/model/status/restricted", test_status_restricted);
  g_test_add_func ("/model/status/reactivated", test_status_reactivated);
  g_test_add_func ("/model/status/names", test_status_names);

  g_test_add_func ("/model/validate/needs-name-or-company", test_validate_needs_name_or_company);
  g_test_add_func ("/model/validate/bad-email-named", test_validate_bad_email);
  g_test_add_func ("/model/validate/dates", test_validate_dates);
  g_test_add_func ("/model/validate/date-is-valid", test_date_is_valid);

  g_test_add_func ("/model/company/display-name", test_company_display_name);
  g_test_add_func ("/model/pipeline-status/display-name", test_pipeline_status_display_name);
  g_test_add_func ("/model/user/initials", test_user_initials);
  g_test_add_func ("/model/user/display-name-and-color", test_user_display_name_and_color);
  g_test_add_func ("/model/user/roles", test_user_roles);
  g_test_add_func ("/model/team-and-group", test_team_and_group);
  g_test_add_func ("/model/employment-rules", test_employment_rules);

  g_test_add_func ("/model/filter/defaults", test_filter_defaults);
  g_test_add_func ("/model/filter/notify-once-when-changed", test_filter_notify);
  g_test_add_func ("/model/filter/copy-equal", test_filter_copy_equal);

  return g_test_run ();
}
