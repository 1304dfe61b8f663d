/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-contact-validator"

#include "config.h"

#include "kontor-contact-rules.h"
#include "kontor-contact-validator.h"
#include "kontor-error.h"
#include "kontor-record-rules.h"

/* The rules behind the "New Contact" dialog's Create button, without a
 * display: a name or a company, a plausible e-mail address, a phone number
 * with digits; and properties that notify only when they change. */

typedef struct
{
  guint passed;
  guint feedback_text;
  guint first_name;
  guint email;
} NotifyCounts;

static void
on_notify_cb (GObject      *object,
              GParamSpec   *pspec,
              NotifyCounts *counts)
{
  if (g_str_equal (pspec->name, "passed"))
    counts->passed++;
  else if (g_str_equal (pspec->name, "feedback-text"))
    counts->feedback_text++;
  else if (g_str_equal (pspec->name, "first-name"))
    counts->first_name++;
  else if (g_str_equal (pspec->name, "email"))
    counts->email++;
}

static void
test_empty_does_not_pass (void)
{
  g_autoptr(KontorContactValidator) validator = kontor_contact_validator_new ();

  g_assert_false (kontor_contact_validator_get_passed (validator));
  g_assert_cmpstr (kontor_contact_validator_get_feedback_text (validator), ==,
                   "Enter a name or a company.");
}

static void
test_blank_name_does_not_pass (void)
{
  g_autoptr(KontorContactValidator) validator = kontor_contact_validator_new ();

  kontor_contact_validator_set_first_name (validator, "   ");
  kontor_contact_validator_set_last_name (validator, "\t");
  kontor_contact_validator_set_company_name (validator, "\u00a0");   /* no-break space */
  g_assert_false (kontor_contact_validator_get_passed (validator));
  g_assert_cmpstr (kontor_contact_validator_get_feedback_text (validator), ==,
                   "Enter a name or a company.");

  kontor_contact_validator_set_last_name (validator, "");
  g_assert_false (kontor_contact_validator_get_passed (validator));
  kontor_contact_validator_set_last_name (validator, NULL);
  g_assert_false (kontor_contact_validator_get_passed (validator));
}

static void
test_any_name_passes (void)
{
  static const char *names[] = { "first-name", "last-name", "company-name" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(KontorContactValidator) validator = kontor_contact_validator_new ();

      g_object_set (validator, names[i], " Müller ", NULL);
      g_assert_true (kontor_contact_validator_get_passed (validator));
      g_assert_cmpstr (kontor_contact_validator_get_feedback_text (validator), ==, "");
    }
}

static void
test_email (void)
{
  g_autoptr(KontorContactValidator) validator = kontor_contact_validator_new ();

  kontor_contact_validator_set_last_name (validator, "Müller");
  kontor_contact_validator_set_email (validator, "anna.mueller@example");
  g_assert_false (kontor_contact_validator_get_passed (validator));
  g_assert_cmpstr (kontor_contact_validator_get_feedback_text (validator), ==,
                   "“anna.mueller@example” is not a valid e-mail address.");

  /* blanks around an address are forgiven, like the store strips them */
  kontor_contact_validator_set_email (validator, " anna.mueller@example.de ");
  g_assert_true (kontor_contact_validator_get_passed (validator));

  /* an empty address is no address, not a wrong one */
  kontor_contact_validator_set_email (validator, "  ");
  g_assert_true (kontor_contact_validator_get_passed (validator));

  /* the missing name is said first */
  kontor_contact_validator_set_email (validator, "nonsense");
  kontor_contact_validator_set_last_name (validator, NULL);
  g_assert_cmpstr (kontor_contact_validator_get_feedback_text (validator), ==,
                   "Enter a name or a company.");
}

static void
test_phone (void)
{
  g_autoptr(KontorContactValidator) validator = kontor_contact_validator_new ();

  kontor_contact_validator_set_company_name (validator, "Bäckerei Schulz");
  kontor_contact_validator_set_phone (validator, "call me");
  g_assert_false (kontor_contact_validator_get_passed (validator));
  g_assert_cmpstr (kontor_contact_validator_get_feedback_text (validator), ==,
                   "“call me” is not a phone number.");

  kontor_contact_validator_set_phone (validator, "+49 (0)30 123 45-67");
  g_assert_true (kontor_contact_validator_get_passed (validator));
}

/* The dialog says what the store would say: the model's rules, not a copy */
static void
test_same_rules_as_the_model (void)
{
  static const char *bad_names[] = { "Anna\x07", "M\xfcller", NULL };
  g_autofree char *long_name = g_strnfill (KONTOR_TEXT_MAX_CHARS + 1, 'a');

  bad_names[2] = long_name;
  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(KontorContactValidator) validator = kontor_contact_validator_new ();
      g_autoptr(KontorContact) contact = kontor_contact_new ();
      g_autoptr(GError) error = NULL;
      int code = bad_names[i] == long_name ? KONTOR_RECORD_ERROR_TOO_LONG
                                           : KONTOR_RECORD_ERROR_INVALID_TEXT;

      kontor_contact_validator_set_first_name (validator, bad_names[i]);
      kontor_contact_set_first_name (contact, bad_names[i]);
      g_assert_false (kontor_contact_validate (contact, &error));
      g_assert_error (error, KONTOR_RECORD_ERROR, code);
      g_assert_false (kontor_contact_validator_get_passed (validator));
      g_assert_cmpstr (kontor_contact_validator_get_feedback_text (validator), ==, error->message);
    }
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(KontorContactValidator) validator = kontor_contact_validator_new ();
  NotifyCounts counts = { 0, };

  g_signal_connect (validator, "notify", G_CALLBACK (on_notify_cb), &counts);

  kontor_contact_validator_set_first_name (validator, "Anna");
  g_assert_cmpuint (counts.first_name, ==, 1);
  g_assert_cmpuint (counts.passed, ==, 1);
  g_assert_cmpuint (counts.feedback_text, ==, 1);

  /* the same value again: nothing */
  kontor_contact_validator_set_first_name (validator, "Anna");
  g_object_set (validator, "first-name", "Anna", NULL);
  g_assert_cmpuint (counts.first_name, ==, 1);
  g_assert_cmpuint (counts.passed, ==, 1);
  g_assert_cmpuint (counts.feedback_text, ==, 1);

  /* another input that keeps the verdict: only that input */
  kontor_contact_validator_set_first_name (validator, "Anne");
  g_assert_cmpuint (counts.first_name, ==, 2);
  g_assert_cmpuint (counts.passed, ==, 1);
  g_assert_cmpuint (counts.feedback_text, ==, 1);

  /* a wrong address: passed and the feedback change once each */
  kontor_contact_validator_set_email (validator, "anna@");
  g_assert_cmpuint (counts.email, ==, 1);
  g_assert_cmpuint (counts.passed, ==, 2);
  g_assert_cmpuint (counts.feedback_text, ==, 2);

  /* still wrong, other text: the feedback names it, passed stays */
  kontor_contact_validator_set_email (validator, "anna@x");
  g_assert_cmpuint (counts.passed, ==, 2);
  g_assert_cmpuint (counts.feedback_text, ==, 3);

  kontor_contact_validator_set_email (validator, "anna@example.org");
  g_assert_true (kontor_contact_validator_get_passed (validator));
  g_assert_cmpuint (counts.passed, ==, 3);
  g_assert_cmpuint (counts.feedback_text, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact-validator/empty-does-not-pass", test_empty_does_not_pass);
  g_test_add_func ("/contact-validator/blank-name-does-not-pass", test_blank_name_does_not_pass);
  g_test_add_func ("/contact-validator/any-name-passes", test_any_name_passes);
  g_test_add_func ("/contact-validator/email", test_email);
  g_test_add_func ("/contact-validator/phone", test_phone);
  g_test_add_func ("/contact-validator/same-rules-as-the-model", test_same_rules_as_the_model);
  g_test_add_func ("/contact-validator/notify-only-on-change", test_notify_only_on_change);

  return g_test_run ();
}
