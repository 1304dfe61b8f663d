/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-sync-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-enum-types.h"
#include "kontor-format.h"
#include "kontor-sync-page.h"
#include "kontor-ui-utils.h"
#include "kontor-user.h"

/**
 * KontorSyncPage:
 *
 * "Team Server" in Preferences (feature S2, src/README.md "Signing in"):
 * connecting to the team's server with its address, a user name and a
 * password, and once signed in, the server, the user's name and role as
 * the server has them, the last sync and "Sign Out". A session the server
 * ended, or one a keyring could not keep, shows the form again with the
 * address and the user filled in and the reason above it. Everything
 * that waits on the network runs on the sync service's worker; the page
 * only shows a spinner meanwhile.
 */
struct _KontorSyncPage
{
  AdwPreferencesPage   parent_instance;

  KontorContext       *context;
  KontorSyncService   *sync;
  GCancellable        *cancellable;
  gboolean             connecting;

  AdwPreferencesGroup *sign_in_group;
  AdwEntryRow         *server_row;
  AdwEntryRow         *username_row;
  AdwEntryRow         *password_row;
  AdwPreferencesGroup *connect_group;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *connect_button;
  AdwPreferencesGroup *account_group;
  AdwActionRow        *address_row;
  AdwActionRow        *user_row;
  AdwActionRow        *role_row;
  AdwActionRow        *last_sync_row;
  AdwActionRow        *keyring_row;
  AdwPreferencesGroup *sign_out_group;
};

G_DEFINE_FINAL_TYPE (KontorSyncPage, kontor_sync_page, ADW_TYPE_PREFERENCES_PAGE)

/* The roles the server names, in the user's words */
static char *
dup_roles_label (const char * const *roles)
{
  g_autoptr(GEnumClass) role_class = g_type_class_ref (KONTOR_TYPE_USER_ROLE);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      GEnumValue *value = g_enum_get_value_by_nick (role_class, roles[i]);

      g_ptr_array_add (labels, (gpointer) (value != NULL ? kontor_user_role_to_string (value->value)
                                                         : roles[i]));
    }
  g_ptr_array_add (labels, NULL);

  return g_strjoinv (", ", (char **) labels->pdata);
}

static void
show_error (KontorSyncPage *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_connecting (KontorSyncPage *self,
                gboolean        connecting)
{
  self->connecting = connecting;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), connecting);
  gtk_spinner_set_spinning (self->spinner, connecting);
  /* not insensitive: GTK 4.8 warns when a text that has the focus goes
   * insensitive ("did not receive a focus-out event") */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !connecting);
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !connecting);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !connecting);
}

/* The page as the service's state is now */
static void
update (KontorSyncPage *self)
{
  KontorSyncState state = kontor_sync_service_get_state (self->sync);
  gboolean signed_in = state != KONTOR_SYNC_STATE_OFF && state != KONTOR_SYNC_STATE_SIGNED_OUT;
  const char *display_name = kontor_sync_service_get_display_name (self->sync);
  const char *username = kontor_sync_service_get_username (self->sync);
  const char *server_uri = kontor_sync_service_get_server_uri (self->sync);
  const char *message = kontor_sync_service_get_message (self->sync);
  g_autofree char *user = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *last_sync = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_group), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_group), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_group), signed_in);

  if (!signed_in)
    {
      if (state == KONTOR_SYNC_STATE_SIGNED_OUT)
        {
          adw_preferences_group_set_title (self->sign_in_group, _("Sign In Again"));
          adw_preferences_group_set_description (self->sign_in_group,
                                                 message != NULL
                                                 ? message
                                                 : _("You are signed out. Your changes stay on "
                                                     "this computer until you sign in again."));
        }
      /* what is known already, unless the user is typing */
      if (server_uri != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_uri);
      if (username != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->username_row)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
      return;
    }

  adw_action_row_set_subtitle (self->address_row, server_uri);
  if (display_name != NULL && g_strcmp0 (display_name, username) != 0)
    /* Translators: a user's name and, in brackets, their user name */
    user = g_strdup_printf (_("%s (%s)"), display_name, username);
  else
    user = g_strdup (username);
  adw_action_row_set_subtitle (self->user_row, user);

  roles = dup_roles_label (kontor_sync_service_get_roles (self->sync));
  gtk_widget_set_visible (GTK_WIDGET (self->role_row), *roles != '\0');
  adw_action_row_set_subtitle (self->role_row, roles);

  last_sync = kontor_format_moment (kontor_sync_service_get_last_sync (self->sync));
  adw_action_row_set_subtitle (self->last_sync_row,
                               last_sync != NULL ? last_sync : _("Not yet"));

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row),
                          !kontor_sync_service_get_keyring (self->sync) && message != NULL &&
                          state == KONTOR_SYNC_STATE_SYNCHRONISED);
  adw_action_row_set_subtitle (self->keyring_row, message);
}

static void
on_sync_notify_cb (KontorSyncPage *self)
{
  update (self);
}

static void connect_to_server (KontorSyncPage *self);

/* The user trusted something new for the server: sign in again */
static void
trust_and_connect (KontorSyncPage  *self,
                   KontorSyncTrust  trust,
                   const char      *pem)
{
  g_autofree char *server_uri =
    kontor_sync_parse_server_uri (gtk_editable_get_text (GTK_EDITABLE (self->server_row)), NULL);

  if (server_uri == NULL)
    return;
  kontor_sync_service_set_trust (self->sync, server_uri, trust, pem);
  connect_to_server (self);
}

static void
on_ca_file_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(KontorSyncPage) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL || !g_file_get_contents (path, &pem, NULL, &error) ||
      (certificate = g_tls_certificate_new_from_pem (pem, -1, &error)) == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message =
        /* Translators: %s is a file's name */
        g_strdup_printf (_("“%s” is not a certificate authority’s certificate (a PEM file)."),
                         name);

      show_error (self, message);
      return;
    }

  trust_and_connect (self, KONTOR_SYNC_TRUST_CA, pem);
}

static void
choose_ca_file (KontorSyncPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Team’s Certificate Authority"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Trust"), NULL);
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_ca_file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_certificate_response_cb (KontorSyncPage   *self,
                            const char       *response,
                            AdwMessageDialog *dialog)
{
  GTlsCertificate *certificate = kontor_sync_service_get_refused_certificate (self->sync);
  g_autofree char *pem = NULL;

  if (g_str_equal (response, "ca"))
    choose_ca_file (self);
  else if (g_str_equal (response, "certificate") && certificate != NULL)
    {
      g_object_get (certificate, "certificate-pem", &pem, NULL);
      trust_and_connect (self, KONTOR_SYNC_TRUST_CERTIFICATE, pem);
    }
}

/* The server showed a certificate this computer does not trust, or not
 * the one trusted for it: its issuer and fingerprint, to compare with
 * what the administrator says, and an explicit choice (feature S6) */
static void
ask_about_certificate (KontorSyncPage *self,
                       const GError   *error)
{
  GTlsCertificate *certificate = kontor_sync_service_get_refused_certificate (self->sync);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean changed = g_error_matches (error, KONTOR_SYNC_ERROR,
                                      KONTOR_SYNC_ERROR_CERTIFICATE_CHANGED);
  g_autofree char *fingerprint = kontor_sync_dup_fingerprint (certificate);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* eight bytes a line, as it is read out and compared */
  for (gsize i = 23; i < strlen (fingerprint); i += 24)
    fingerprint[i] = '\n';

  body = g_strdup_printf (_("%s\n\nIssued by: %s\n\nSHA-256 fingerprint:\n%s\n\nTrust it only "
                            "when your administrator confirms this fingerprint."),
                          error->message,
                          g_tls_certificate_get_issuer_name (certificate) != NULL
                          ? g_tls_certificate_get_issuer_name (certificate) : "?",
                          fingerprint);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       changed
                                                       ? _("The Server’s Certificate Has Changed")
                                                       : _("Unknown Certificate"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "ca", _("Trust a _CA File…"),
                                    "certificate", _("Trust _This Certificate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "certificate",
                                              changed ? ADW_RESPONSE_DESTRUCTIVE
                                                      : ADW_RESPONSE_DEFAULT);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KontorSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kontor_sync_service_sign_in_finish (KONTOR_SYNC_SERVICE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_connecting (self, FALSE);
      show_error (self, error->message);
      if ((g_error_matches (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_UNTRUSTED) ||
           g_error_matches (error, KONTOR_SYNC_ERROR, KONTOR_SYNC_ERROR_CERTIFICATE_CHANGED)) &&
          kontor_sync_service_get_refused_certificate (self->sync) != NULL)
        ask_about_certificate (self, error);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  set_connecting (self, FALSE);
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  update (self);
}

static void
connect_to_server (KontorSyncPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *username = NULL;
  const char *password;

  if (self->connecting)
    return;

  server_uri = kontor_sync_parse_server_uri (gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                                             &error);
  if (server_uri == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }
  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  if (*username == '\0')
    {
      show_error (self, _("Enter your user name on the team server."));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (*password == '\0')
    {
      show_error (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_error (self, NULL);
  set_connecting (self, TRUE);
  kontor_sync_service_sign_in_async (self->sync, server_uri, username, password,
                                     self->cancellable, on_signed_in_cb, g_object_ref (self));
}

static void
on_connect_clicked_cb (KontorSyncPage *self)
{
  connect_to_server (self);
}

/* Enter in a row: on to the next empty one, or connect */
static void
on_row_activated_cb (KontorSyncPage *self,
                     AdwEntryRow    *row)
{
  AdwEntryRow *rows[] = { self->server_row, self->username_row, self->password_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (*gtk_editable_get_text (GTK_EDITABLE (rows[i])) == '\0')
      {
        gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
        return;
      }

  connect_to_server (self);
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KontorSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kontor_sync_service_sign_out_finish (KONTOR_SYNC_SERVICE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kontor_ui_add_toast (GTK_WIDGET (self), error->message);
  update (self);
}

static void
on_sign_out_response_cb (KontorSyncPage   *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  if (!g_str_equal (response, "sign-out"))
    return;

  kontor_sync_service_sign_out_async (self->sync, self->cancellable, on_signed_out_cb,
                                      g_object_ref (self));
}

static void
on_sign_out_clicked_cb (KontorSyncPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint64 pending = kontor_sync_service_get_pending (self->sync);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (pending > 0)
    body = g_strdup_printf (ngettext ("%d change has not reached the server yet. It stays on this "
                                      "computer and is sent when you sign in again.",
                                      "%d changes have not reached the server yet. They stay on "
                                      "this computer and are sent when you sign in again.",
                                      (gulong) MIN (pending, G_MAXINT)),
                            (int) MIN (pending, G_MAXINT));
  else
    body = g_strdup (_("Your records stay on this computer. Kontor stops synchronising with "
                       "your team until you sign in again."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Sign Out?"), body));
  kontor_ui_add_question_responses (dialog, "sign-out", _("_Sign Out"),
                                    ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
kontor_sync_page_constructed (GObject *object)
{
  KontorSyncPage *self = KONTOR_SYNC_PAGE (object);

  G_OBJECT_CLASS (kontor_sync_page_parent_class)->constructed (object);

  self->sync = g_object_ref (kontor_context_get_sync (self->context));
  g_signal_connect_object (self->sync, "notify", G_CALLBACK (on_sync_notify_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

static void
kontor_sync_page_dispose (GObject *object)
{
  KontorSyncPage *self = KONTOR_SYNC_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_SYNC_PAGE);
  g_clear_object (&self->sync);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_sync_page_parent_class)->dispose (object);
}

static void
kontor_sync_page_finalize (GObject *object)
{
  KontorSyncPage *self = KONTOR_SYNC_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kontor_sync_page_parent_class)->finalize (object);
}

static void
kontor_sync_page_class_init (KontorSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_sync_page_constructed;
  object_class->dispose = kontor_sync_page_dispose;
  object_class->finalize = kontor_sync_page_finalize;

  kontor_ui_class_install_context_property (object_class, G_STRUCT_OFFSET (KontorSyncPage, context));

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/kontor-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, connect_group);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, last_sync_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, KontorSyncPage, sign_out_group);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked_cb);
}

static void
kontor_sync_page_init (KontorSyncPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kontor_sync_page_new:
 * @context: a context with a sync service
 *
 * Returns: (transfer floating): the page
 */
GtkWidget *
kontor_sync_page_new (KontorContext *context)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (kontor_context_get_sync (context) != NULL, NULL);

  return g_object_new (KONTOR_TYPE_SYNC_PAGE, "context", context, NULL);
}
