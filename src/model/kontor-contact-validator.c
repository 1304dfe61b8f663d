/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-contact-validator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-contact-rules.h"
#include "kontor-contact-validator.h"
#include "kontor-text.h"

/**
 * KontorContactValidator:
 *
 * The rules of the "New Contact" dialog as an object without widgets (the
 * Nautilus filename validator's idea): the dialog binds its entries to the
 * input properties, and #KontorContactValidator:passed to the Create
 * button and #KontorContactValidator:feedback-text to a label. The rules
 * are those of kontor_contact_validate(), applied to the contact the
 * input makes: a name or a company, an e-mail address that looks like
 * one, a phone number with a digit, text of a sane length.
 */
struct _KontorContactValidator
{
  GObject   parent_instance;

  char     *first_name;
  char     *last_name;
  char     *company_name;
  char     *email;
  char     *phone;

  gboolean  passed;
  char     *feedback_text;
};

enum {
  PROP_0,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_COMPANY_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_PASSED,
  PROP_FEEDBACK_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorContactValidator, kontor_contact_validator, G_TYPE_OBJECT)

/* The input as the contact the dialog would create, so that exactly the
 * rules of kontor_contact_validate() apply. */
static KontorContact *
build_contact (KontorContactValidator *self)
{
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autofree char *first_name = kontor_text_strip_dup (self->first_name);
  g_autofree char *last_name = kontor_text_strip_dup (self->last_name);
  g_autofree char *company_name = kontor_text_strip_dup (self->company_name);
  g_autofree char *email = kontor_text_strip_dup (self->email);
  g_autofree char *phone = kontor_text_strip_dup (self->phone);

  kontor_contact_set_first_name (contact, first_name);
  kontor_contact_set_last_name (contact, last_name);
  kontor_contact_set_company_name (contact, company_name);
  if (email != NULL)
    kontor_contact_add_email (contact, NULL, email);
  if (phone != NULL)
    kontor_contact_add_phone (contact, NULL, phone);

  return g_steal_pointer (&contact);
}

static char *
dup_feedback (KontorContactValidator *self)
{
  g_autoptr(KontorContact) contact = build_contact (self);
  g_autoptr(GError) error = NULL;

  if (!kontor_contact_validate (contact, &error))
    return g_strdup (error->message);

  return g_strdup ("");
}

/* Runs the rules and notifies what changed, each property at most once. */
static void
validate (KontorContactValidator *self)
{
  g_autofree char *feedback = dup_feedback (self);
  gboolean passed = *feedback == '\0';

  if (g_strcmp0 (feedback, self->feedback_text) != 0)
    {
      g_free (self->feedback_text);
      self->feedback_text = g_steal_pointer (&feedback);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDBACK_TEXT]);
    }

  if (passed != self->passed)
    {
      self->passed = passed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSED]);
    }
}

static void
set_input (KontorContactValidator *self,
           char                  **field,
           const char             *value,
           guint                   prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  validate (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
kontor_contact_validator_finalize (GObject *object)
{
  KontorContactValidator *self = KONTOR_CONTACT_VALIDATOR (object);

  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->company_name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->feedback_text);

  G_OBJECT_CLASS (kontor_contact_validator_parent_class)->finalize (object);
}

static void
kontor_contact_validator_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KontorContactValidator *self = KONTOR_CONTACT_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;
    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;
    case PROP_COMPANY_NAME:
      g_value_set_string (value, self->company_name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_PASSED:
      g_value_set_boolean (value, self->passed);
      break;
    case PROP_FEEDBACK_TEXT:
      g_value_set_string (value, self->feedback_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_contact_validator_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KontorContactValidator *self = KONTOR_CONTACT_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_FIRST_NAME:
      kontor_contact_validator_set_first_name (self, g_value_get_string (value));
      break;
    case PROP_LAST_NAME:
      kontor_contact_validator_set_last_name (self, g_value_get_string (value));
      break;
    case PROP_COMPANY_NAME:
      kontor_contact_validator_set_company_name (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      kontor_contact_validator_set_email (self, g_value_get_string (value));
      break;
    case PROP_PHONE:
      kontor_contact_validator_set_phone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_contact_validator_class_init (KontorContactValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kontor_contact_validator_finalize;
  object_class->get_property = kontor_contact_validator_get_property;
  object_class->set_property = kontor_contact_validator_set_property;

  /**
   * KontorContactValidator:first-name:
   *
   * The first name as typed.
   */
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);

  /**
   * KontorContactValidator:last-name:
   *
   * The last name as typed.
   */
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);

  /**
   * KontorContactValidator:company-name:
   *
   * The company as typed; a name or a company is needed.
   */
  properties[PROP_COMPANY_NAME] = g_param_spec_string ("company-name", NULL, NULL, NULL, flags);

  /**
   * KontorContactValidator:email:
   *
   * An e-mail address as typed; may be empty.
   */
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);

  /**
   * KontorContactValidator:phone:
   *
   * A phone number as typed; may be empty, else it needs a digit.
   */
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);

  /**
   * KontorContactValidator:passed:
   *
   * Whether the input may be stored as a new contact.
   */
  properties[PROP_PASSED] =
    g_param_spec_boolean ("passed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorContactValidator:feedback-text:
   *
   * What is missing or wrong, translated; empty when the input passed.
   */
  properties[PROP_FEEDBACK_TEXT] =
    g_param_spec_string ("feedback-text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kontor_contact_validator_init (KontorContactValidator *self)
{
  self->passed = FALSE;
  self->feedback_text = g_strdup (_("Enter a name or a company."));
}

/**
 * kontor_contact_validator_new:
 *
 * Returns: (transfer full): a validator for empty input, which does not pass
 */
KontorContactValidator *
kontor_contact_validator_new (void)
{
  return g_object_new (KONTOR_TYPE_CONTACT_VALIDATOR, NULL);
}

/* The five inputs, each a string property checked again when it changes */
#define DEFINE_INPUT_ACCESSORS(name, PROP)                                         \
  const char *                                                                     \
  kontor_contact_validator_get_##name (KontorContactValidator *self)               \
  {                                                                                \
    g_return_val_if_fail (KONTOR_IS_CONTACT_VALIDATOR (self), NULL);               \
                                                                                   \
    return self->name;                                                             \
  }                                                                                \
                                                                                   \
  void                                                                             \
  kontor_contact_validator_set_##name (KontorContactValidator *self,               \
                                       const char             *name)               \
  {                                                                                \
    g_return_if_fail (KONTOR_IS_CONTACT_VALIDATOR (self));                         \
                                                                                   \
    set_input (self, &self->name, name, PROP);                                     \
  }

DEFINE_INPUT_ACCESSORS (first_name, PROP_FIRST_NAME)
DEFINE_INPUT_ACCESSORS (last_name, PROP_LAST_NAME)
DEFINE_INPUT_ACCESSORS (company_name, PROP_COMPANY_NAME)
DEFINE_INPUT_ACCESSORS (email, PROP_EMAIL)
DEFINE_INPUT_ACCESSORS (phone, PROP_PHONE)

#undef DEFINE_INPUT_ACCESSORS

/**
 * kontor_contact_validator_get_passed:
 * @self: a validator
 *
 * Returns: %TRUE when the input may be stored
 */
gboolean
kontor_contact_validator_get_passed (KontorContactValidator *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_VALIDATOR (self), FALSE);

  return self->passed;
}

/**
 * kontor_contact_validator_get_feedback_text:
 * @self: a validator
 *
 * Returns: what is missing or wrong, translated; "" when the input passed
 */
const char *
kontor_contact_validator_get_feedback_text (KontorContactValidator *self)
{
  g_return_val_if_fail (KONTOR_IS_CONTACT_VALIDATOR (self), NULL);

  return self->feedback_text;
}
