/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-new-contact-dialog"

#include "config.h"

#include "kontor-new-contact-dialog.h"
#include "kontor-company-completion.h"
#include "kontor-contact-validator.h"
#include "kontor-text.h"
#include "kontor-ui-utils.h"

/**
 * KontorNewContactDialog:
 *
 * "Kontakt erstellen" (feature C2, src/README.md): only the basics — salutation, name,
 * company, one e-mail address, one phone number and the status; the rest
 * is filled in later on the contact's page. A #KontorContactValidator in
 * the template decides whether Create is possible and says what is
 * missing. A company name nobody has yet becomes a new company, stored in
 * the same transaction as the contact, so a failure leaves nothing behind.
 */
struct _KontorNewContactDialog
{
  AdwWindow                parent_instance;

  KontorContext           *context;
  KontorCompanyCompletion *company_completion;

  KontorContactValidator  *validator;
  AdwComboRow             *salutation_row;
  AdwEntryRow             *first_name_row;
  AdwEntryRow             *last_name_row;
  AdwEntryRow             *company_row;
  AdwEntryRow             *email_row;
  AdwEntryRow             *phone_row;
  AdwComboRow             *status_row;
  GtkLabel                *error_label;
};

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The status row's items, in order */
static const KontorContactStatus statuses[] = {
  KONTOR_CONTACT_STATUS_PROSPECT,
  KONTOR_CONTACT_STATUS_CUSTOMER,
  KONTOR_CONTACT_STATUS_INBOX,
};

G_DEFINE_FINAL_TYPE (KontorNewContactDialog, kontor_new_contact_dialog, ADW_TYPE_WINDOW)

static char *
dup_entry_text (AdwEntryRow *row)
{
  return kontor_text_strip_dup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
update_actions (KontorNewContactDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create",
                                 kontor_contact_validator_get_passed (self->validator));
}

static void
on_validator_notify_passed_cb (KontorNewContactDialog *self)
{
  g_assert (KONTOR_IS_NEW_CONTACT_DIALOG (self));

  update_actions (self);
}

static void
on_input_changed_cb (KontorNewContactDialog *self)
{
  g_assert (KONTOR_IS_NEW_CONTACT_DIALOG (self));

  /* a store error is about what was there before */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_store_error (KontorNewContactDialog *self,
                  const GError           *error)
{
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorNewContactDialog *self = KONTOR_NEW_CONTACT_DIALOG (widget);
  KontorStore *store = kontor_context_get_store (self->context);
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorCompany) new_company = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *company_id = NULL;
  g_autofree char *first_name = dup_entry_text (self->first_name_row);
  g_autofree char *last_name = dup_entry_text (self->last_name_row);
  g_autofree char *email = dup_entry_text (self->email_row);
  g_autofree char *phone = dup_entry_text (self->phone_row);
  guint status = adw_combo_row_get_selected (self->status_row);

  if (!kontor_contact_validator_get_passed (self->validator))
    return;

  kontor_contact_set_salutation (contact, adw_combo_row_get_selected (self->salutation_row));
  kontor_contact_set_first_name (contact, first_name);
  kontor_contact_set_last_name (contact, last_name);
  if (email != NULL)
    kontor_contact_add_email (contact, "work", email);
  if (phone != NULL)
    kontor_contact_add_phone (contact, "work", phone);
  kontor_contact_set_status (contact, status < G_N_ELEMENTS (statuses)
                                      ? statuses[status]
                                      : KONTOR_CONTACT_STATUS_PROSPECT);

  if (!kontor_company_completion_resolve (self->company_completion, &company_id, &new_company,
                                          &error))
    {
      show_store_error (self, error);
      return;
    }
  kontor_contact_set_company_id (contact, company_id);

  if (new_company != NULL)
    g_ptr_array_add (records, g_object_ref (new_company));
  g_ptr_array_add (records, g_object_ref (contact));

  /* one transaction: the new company and the contact, or nothing */
  if (!kontor_store_save_all (store, records, NULL, &error))
    {
      show_store_error (self, error);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, contact);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
kontor_new_contact_dialog_constructed (GObject *object)
{
  KontorNewContactDialog *self = KONTOR_NEW_CONTACT_DIALOG (object);
  g_autoptr(GtkStringList) salutations = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (kontor_new_contact_dialog_parent_class)->constructed (object);

  g_assert (KONTOR_IS_CONTEXT (self->context));

  for (KontorSalutation s = KONTOR_SALUTATION_NONE; s <= KONTOR_SALUTATION_MX; s++)
    gtk_string_list_append (salutations, kontor_salutation_to_string (s));
  adw_combo_row_set_model (self->salutation_row, G_LIST_MODEL (salutations));

  self->company_completion =
    kontor_company_completion_new (kontor_context_get_store (self->context),
                                   GTK_WIDGET (self->company_row));
}

static void
kontor_new_contact_dialog_map (GtkWidget *widget)
{
  KontorNewContactDialog *self = KONTOR_NEW_CONTACT_DIALOG (widget);

  GTK_WIDGET_CLASS (kontor_new_contact_dialog_parent_class)->map (widget);

  /* A person opens the dialog to type a name: the focus starts there, not
   * on the first control in the tab order (Cancel, or the salutation). A
   * focus-widget in the template is not enough: it is set while the rows
   * are not yet in the window, and GTK drops it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
}

static void
kontor_new_contact_dialog_dispose (GObject *object)
{
  KontorNewContactDialog *self = KONTOR_NEW_CONTACT_DIALOG (object);

  if (self->company_completion != NULL)
    kontor_company_completion_detach (self->company_completion);
  g_clear_object (&self->company_completion);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_NEW_CONTACT_DIALOG);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_new_contact_dialog_parent_class)->dispose (object);
}

static void
kontor_new_contact_dialog_class_init (KontorNewContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_new_contact_dialog_constructed;
  object_class->dispose = kontor_new_contact_dialog_dispose;

  widget_class->map = kontor_new_contact_dialog_map;

  kontor_ui_class_install_context_property (object_class,
                                            G_STRUCT_OFFSET (KontorNewContactDialog, context));

  /**
   * KontorNewContactDialog::created:
   * @self: the dialog
   * @contact: the contact as stored
   *
   * Emitted when the contact was stored, right before the dialog closes.
   */
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KONTOR_TYPE_CONTACT);

  g_type_ensure (KONTOR_TYPE_CONTACT_VALIDATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-new-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, validator);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNewContactDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kontor_new_contact_dialog_init (KontorNewContactDialog *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+Enter creates the contact from any field. In the capture phase,
   * before a field sees the key: a combo row would open its list. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  trigger = gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("dialog.create")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (self->validator, "notify::passed",
                           G_CALLBACK (on_validator_notify_passed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/**
 * kontor_new_contact_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the context
 *
 * Returns: (transfer none): a new modal dialog, owned by GTK like every
 *   window; present it
 */
KontorNewContactDialog *
kontor_new_contact_dialog_new (GtkWindow     *parent,
                               KontorContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);

  return g_object_new (KONTOR_TYPE_NEW_CONTACT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

/**
 * kontor_new_contact_dialog_set_company:
 * @self: a dialog
 * @company: a stored company
 *
 * Starts the form at @company, as "Add Contact" on a company's page does:
 * the new contact is linked to it unless the user types another.
 */
void
kontor_new_contact_dialog_set_company (KontorNewContactDialog *self,
                                       KontorCompany          *company)
{
  g_return_if_fail (KONTOR_IS_NEW_CONTACT_DIALOG (self));
  g_return_if_fail (KONTOR_IS_COMPANY (company));

  kontor_company_completion_set_company (self->company_completion,
                                         kontor_record_get_id (KONTOR_RECORD (company)),
                                         kontor_company_get_name (company));
}
