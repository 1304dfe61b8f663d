/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-record-json"

#include "config.h"

#include <string.h>

#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-activity.h"
#include "kontor-employment.h"
#include "kontor-group-member.h"
#include "kontor-group.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-pipeline-status.h"
#include "kontor-record-json.h"
#include "kontor-team.h"
#include "kontor-user.h"

/* Record fields as JSON and back (kontor-record-json.c): every field type,
 * NULL against empty, text no ASCII table knows, escapes, large values,
 * and garbage that must give an error naming what is wrong. */

#define STRANGE_TEXT "sagt \"Hallo\"\n\\o/\t\x01 Müller ✓ 日本"

static const KontorField *
contact_field (guint index)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  guint n_fields;

  return &kontor_record_get_fields (KONTOR_RECORD (contact), &n_fields)[index];
}

static KontorContact *
full_contact (void)
{
  KontorContact *contact = kontor_contact_new ();
  const char *reps[] = {
    "0190a0b0-0000-7000-8000-000000000001", "0190a0b0-0000-7000-8000-000000000002", NULL
  };
  const char *assignees[] = { "0190a0b0-0000-7000-8000-000000000003", NULL };
  GPtrArray *emails;

  kontor_contact_set_salutation (contact, KONTOR_SALUTATION_MS);
  kontor_contact_set_title (contact, "Dr.");
  kontor_contact_set_first_name (contact, "Zoë");
  kontor_contact_set_last_name (contact, STRANGE_TEXT);
  kontor_contact_set_job_title (contact, "Geschäftsführerin");
  kontor_contact_set_company_id (contact, "0190a0b0-0000-7000-8000-00000000000c");
  kontor_contact_add_email (contact, "work", "zoe@example.de");
  kontor_contact_add_email (contact, "Privat \"alt\"", "zoe@example.org");
  kontor_contact_add_phone (contact, "mobile", "+49 (30) 123 45");
  emails = kontor_contact_get_emails (contact);
  ((KontorChannel *) g_ptr_array_index (emails, 0))->id =
    g_strdup ("0190a0b0-0000-7000-8000-0000000000e1");
  kontor_contact_set_street (contact, "Hauptstraße 1");
  kontor_contact_set_postal_code (contact, "10115");
  kontor_contact_set_city (contact, "Berlin");
  kontor_contact_set_country (contact, "DE");
  kontor_contact_set_language (contact, KONTOR_LANGUAGE_FR);
  kontor_contact_set_notes (contact, "Zeile 1\r\nZeile 2\tEnde");
  kontor_contact_set_birthday (contact, "1980-02-29");
  kontor_contact_set_status (contact, KONTOR_CONTACT_STATUS_CUSTOMER);
  kontor_contact_set_previous_status (contact, KONTOR_CONTACT_STATUS_PROSPECT);
  kontor_contact_set_is_lead (contact, TRUE);
  kontor_contact_set_pipeline_status_id (contact, "00000000-0000-7000-8000-000000000001");
  kontor_contact_set_customer_number (contact, "K-2026-00042");
  kontor_contact_set_sales_reps (contact, reps);
  kontor_contact_set_assignees (contact, assignees);
  kontor_contact_set_assigned_team_id (contact, "0190a0b0-0000-7000-8000-0000000000aa");
  kontor_contact_set_rank (contact, "a0");
  kontor_contact_set_due_date (contact, "2026-12-24");
  kontor_contact_set_is_new (contact, TRUE);
  kontor_contact_set_pipeline_entered_at (contact, G_MAXINT64);
  kontor_contact_set_marketing_objection (contact, TRUE);

  return contact;
}

static void
assert_same_fields (KontorRecord *a,
                    KontorRecord *b)
{
  g_autoptr(GArray) changed = kontor_record_diff (a, b);
  guint n_fields;
  const KontorField *fields = kontor_record_get_fields (a, &n_fields);

  for (guint i = 0; i < changed->len; i++)
    g_test_message ("differs: %s", fields[g_array_index (changed, guint, i)].column);
  g_assert_cmpuint (changed->len, ==, 0);
}

static void
test_round_trip_contact (void)
{
  g_autoptr(KontorContact) contact = full_contact ();
  g_autoptr(KontorContact) copy = kontor_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = kontor_record_to_json_string (KONTOR_RECORD (contact));
  g_autofree char *again = NULL;
  GPtrArray *emails;

  g_assert_true (kontor_record_update_from_json_string (KONTOR_RECORD (copy), json, &error));
  g_assert_no_error (error);
  assert_same_fields (KONTOR_RECORD (contact), KONTOR_RECORD (copy));

  /* channel ids and order travel too */
  emails = kontor_contact_get_emails (copy);
  g_assert_cmpuint (emails->len, ==, 2);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (emails, 0))->id, ==,
                   "0190a0b0-0000-7000-8000-0000000000e1");
  g_assert_null (((KontorChannel *) g_ptr_array_index (emails, 1))->id);
  g_assert_cmpstr (((KontorChannel *) g_ptr_array_index (emails, 1))->label, ==, "Privat \"alt\"");

  /* the same JSON again: encoding is stable */
  again = kontor_record_to_json_string (KONTOR_RECORD (copy));
  g_assert_cmpstr (again, ==, json);

  /* derived fields are not sent */
  g_assert_null (strstr (json, "company_name"));
  g_assert_nonnull (strstr (json, "\"status\":\"customer\""));
  g_assert_nonnull (strstr (json, "\"is_lead\":true"));
  g_assert_nonnull (strstr (json, "\"pipeline_entered_at\":9223372036854775807"));
  g_assert_nonnull (strstr (json, "\"marketing_objection\":true"));
  g_assert_false (kontor_contact_allows_marketing (copy));
}

static void
test_round_trip_empty (void)
{
  g_autoptr(KontorContact) empty = kontor_contact_new ();
  g_autoptr(KontorContact) full = full_contact ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = kontor_record_to_json_string (KONTOR_RECORD (empty));

  g_assert_nonnull (strstr (json, "\"first_name\":null"));
  g_assert_nonnull (strstr (json, "\"emails\":[]"));
  g_assert_nonnull (strstr (json, "\"sales_reps\":[]"));

  /* every field of the full contact is emptied */
  g_assert_true (kontor_record_update_from_json_string (KONTOR_RECORD (full), json, &error));
  g_assert_no_error (error);
  assert_same_fields (KONTOR_RECORD (empty), KONTOR_RECORD (full));
}

static void
test_round_trip_every_kind (void)
{
  GType types[] = {
    KONTOR_TYPE_COMPANY, KONTOR_TYPE_PIPELINE_STATUS, KONTOR_TYPE_GROUP, KONTOR_TYPE_USER,
    KONTOR_TYPE_TEAM, KONTOR_TYPE_EMPLOYMENT, KONTOR_TYPE_ACTIVITY, KONTOR_TYPE_GROUP_MEMBER,
    KONTOR_TYPE_LEAD_PROJECT, KONTOR_TYPE_LEAD_STATUS, KONTOR_TYPE_LEAD_ENTRY,
  };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(KontorRecord) record = g_object_new (types[t], NULL);
      g_autoptr(KontorRecord) copy = g_object_new (types[t], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;
      const KontorField *fields;
      guint n_fields;

      /* a value in every text and flag field */
      fields = kontor_record_get_fields (record, &n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          if (fields[i].type == KONTOR_FIELD_TYPE_STRING)
            kontor_record_set_string (record, i, STRANGE_TEXT);
          else if (fields[i].type == KONTOR_FIELD_TYPE_BOOLEAN)
            kontor_record_set_boolean (record, i, TRUE);
          else if (fields[i].type == KONTOR_FIELD_TYPE_INT64)
            kontor_record_set_int64 (record, i, G_MININT64);
        }

      json = kontor_record_to_json_string (record);
      g_assert_true (kontor_record_update_from_json_string (copy, json, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < n_fields; i++)
        {
          if ((fields[i].flags & KONTOR_FIELD_STORED) != 0 &&
              (fields[i].flags & (KONTOR_FIELD_DERIVED | KONTOR_FIELD_LOCAL)) == 0)
            g_assert_true (kontor_field_value_equal (&fields[i],
                                                     kontor_record_get_value (record, i),
                                                     kontor_record_get_value (copy, i)));
        }
    }
}

static char *
encode_string (const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);

  return kontor_field_value_to_json_string (contact_field (KONTOR_CONTACT_FIELD_NOTES), &value);
}

static char *
decode_string (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  g_assert_true (kontor_field_value_from_json (contact_field (KONTOR_CONTACT_FIELD_NOTES), node,
                                               &value, &error));
  g_assert_no_error (error);

  return g_value_dup_string (&value);
}

static void
test_null_and_empty (void)
{
  g_autofree char *null_json = encode_string (NULL);
  g_autofree char *empty_json = encode_string ("");
  g_autofree char *null_back = decode_string (null_json);
  g_autofree char *empty_back = decode_string (empty_json);
  g_autofree char *quoted_null = kontor_json_quote (NULL);

  g_assert_cmpstr (null_json, ==, "null");
  g_assert_cmpstr (quoted_null, ==, "null");
  g_assert_cmpstr (empty_json, ==, "\"\"");
  g_assert_null (null_back);
  g_assert_cmpstr (empty_back, ==, "");
}

static void
test_escapes (void)
{
  /* the outbox's bytes, as the store has always written them */
  static const struct {
    const char *text;
    const char *json;
  } cases[] = {
    { "sagt \"Hallo\"\n\\o/", "\"sagt \\\"Hallo\\\"\\n\\\\o/\"" },
    { "Düsseldorf", "\"Düsseldorf\"" },
    { "a\tb\rc", "\"a\\tb\\rc\"" },
    { "\x01\x1f", "\"\\u0001\\u001f\"" },
    { "日本 ✓ 🙂", "\"日本 ✓ 🙂\"" },
    { "</script>", "\"</script>\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = encode_string (cases[i].text);
      g_autofree char *quoted = kontor_json_quote (cases[i].text);
      g_autofree char *back = decode_string (json);

      g_assert_cmpstr (json, ==, cases[i].json);
      g_assert_cmpstr (quoted, ==, cases[i].json);
      g_assert_cmpstr (back, ==, cases[i].text);
    }
}

static void
test_large_values (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *large = g_malloc (size + 1);
  g_autofree char *json = NULL;
  g_autofree char *back = NULL;

  for (gsize i = 0; i < size; i++)
    large[i] = "abc\"\\\n\xc3\xa4"[i % 8];
  /* whole characters only: the pattern ends with the two bytes of "ä" */
  large[size] = '\0';
  g_assert_true (g_utf8_validate (large, -1, NULL));

  json = encode_string (large);
  back = decode_string (json);
  g_assert_true (strlen (back) == size);
  g_assert_true (memcmp (back, large, size) == 0);
}

static void
assert_garbage (const char *json,
                int         code,
                const char *names)
{
  g_autoptr(KontorContact) contact = full_contact ();
  g_autoptr(KontorContact) before = full_contact ();
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = g_strescape (json, NULL);

  g_test_message ("garbage: %s", escaped);
  g_assert_false (kontor_record_update_from_json_string (KONTOR_RECORD (contact), json, &error));
  g_assert_error (error, KONTOR_RECORD_JSON_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  if (names != NULL)
    g_assert_nonnull (strstr (error->message, names));

  /* all or nothing: the contact is as it was */
  assert_same_fields (KONTOR_RECORD (before), KONTOR_RECORD (contact));
}

static void
test_garbage (void)
{
  assert_garbage ("", KONTOR_RECORD_JSON_ERROR_SYNTAX, NULL);
  assert_garbage ("{", KONTOR_RECORD_JSON_ERROR_SYNTAX, NULL);
  assert_garbage ("nonsense", KONTOR_RECORD_JSON_ERROR_SYNTAX, NULL);
  assert_garbage ("[1, 2]", KONTOR_RECORD_JSON_ERROR_SYNTAX, NULL);
  assert_garbage ("\"first_name\"", KONTOR_RECORD_JSON_ERROR_SYNTAX, NULL);
  assert_garbage ("{\"first_name\": \"\xff\xfe\"}", KONTOR_RECORD_JSON_ERROR_SYNTAX, NULL);
  assert_garbage ("{\"first_name\": \"Anna\", \"last_name\": 5}", KONTOR_RECORD_JSON_ERROR_TYPE,
                  "Last name");
  assert_garbage ("{\"is_lead\": \"yes\"}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"pipeline_entered_at\": 1.5}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"pipeline_entered_at\": null}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"status\": \"DROP TABLE contact; --\"}", KONTOR_RECORD_JSON_ERROR_VALUE,
                  "DROP TABLE contact; --");
  assert_garbage ("{\"status\": 3}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"emails\": \"anna@example.de\"}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"emails\": [1]}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"emails\": [{\"value\": {}}]}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"emails\": [{\"value\": \"a@b.de\", \"position\": -1}]}",
                  KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"sales_reps\": [true]}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
  assert_garbage ("{\"sales_reps\": {}}", KONTOR_RECORD_JSON_ERROR_TYPE, NULL);
}

static void
test_unknown_members_skipped (void)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(GError) error = NULL;

  /* a newer Kontor's field, and a derived one nobody may set */
  g_assert_true (kontor_record_update_from_json_string (KONTOR_RECORD (contact),
                                                         "{\"first_name\": \"Anna\", "
                                                         "\"shoe_size\": 38, "
                                                         "\"company_name\": \"ACME\"}",
                                                         &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kontor_contact_get_first_name (contact), ==, "Anna");
  g_assert_null (kontor_contact_get_company_name (contact));
}

/* Members of outside JSON of another type than expected give the
 * fallback, without a critical warning (which the test would turn fatal) */
static void
test_outside_members (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"n\": 7, \"s\": \"x\", \"b\": true, "
                                             "\"o\": {\"n\": {}}, \"a\": [1], \"z\": null}",
                                             -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (kontor_json_get_int (object, "n", -1), ==, 7);
  g_assert_cmpstr (kontor_json_get_string (object, "s"), ==, "x");
  g_assert_true (kontor_json_get_boolean (object, "b", FALSE));
  g_assert_nonnull (kontor_json_get_object (object, "o"));
  g_assert_nonnull (kontor_json_get_array (object, "a"));

  /* of another type, null, missing, or no object at all */
  g_assert_cmpint (kontor_json_get_int (object, "s", -1), ==, -1);
  g_assert_cmpint (kontor_json_get_int (object, "o", -1), ==, -1);
  g_assert_cmpint (kontor_json_get_int (kontor_json_get_object (object, "o"), "n", -2), ==, -2);
  g_assert_cmpint (kontor_json_get_int (object, "z", -1), ==, -1);
  g_assert_cmpint (kontor_json_get_int (NULL, "n", -3), ==, -3);
  g_assert_null (kontor_json_get_string (object, "n"));
  g_assert_null (kontor_json_get_string (object, "missing"));
  g_assert_false (kontor_json_get_boolean (object, "a", FALSE));
  g_assert_null (kontor_json_get_object (object, "a"));
  g_assert_null (kontor_json_get_array (object, "o"));
  g_assert_null (kontor_json_get_array (NULL, "a"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-json/round-trip/contact", test_round_trip_contact);
  g_test_add_func ("/record-json/round-trip/empty", test_round_trip_empty);
  g_test_add_func ("/record-json/round-trip/every-kind", test_round_trip_every_kind);
  g_test_add_func ("/record-json/value/null-and-empty", test_null_and_empty);
  g_test_add_func ("/record-json/value/escapes", test_escapes);
  g_test_add_func ("/record-json/value/large", test_large_values);
  g_test_add_func ("/record-json/garbage", test_garbage);
  g_test_add_func ("/record-json/unknown-members-skipped", test_unknown_members_skipped);
  g_test_add_func ("/record-json/outside-members", test_outside_members);

  return g_test_run ();
}
