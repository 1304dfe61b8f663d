/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-number-range-group"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-number-range-group.h"
#include "kontor-ui-utils.h"

/**
 * KontorNumberRangeGroup:
 *
 * One customer number range in Preferences ("Nummernkreise", features C5
 * and C1, src/README.md "Number ranges"): the contacts' or the companies'. Prefix,
 * year, digits and the next running number, with a preview of the next
 * number. Every change is stored at once (the prefix when applied, or
 * when the window closes: kontor_number_range_group_store_pending());
 * what the store refuses is said in a toast and the stored range is shown
 * again. Only an administrator changes it.
 */
struct _KontorNumberRangeGroup
{
  AdwPreferencesGroup  parent_instance;

  KontorContext       *context;
  GType                record_type;
  guint                loading;

  AdwEntryRow         *prefix_row;
  AdwComboRow         *year_row;
  GtkSpinButton       *digits_spin;
  GtkSpinButton       *next_spin;
  GtkLabel            *preview_label;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorNumberRangeGroup, kontor_number_range_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static KontorStore *
get_store (KontorNumberRangeGroup *self)
{
  return kontor_context_get_store (self->context);
}

static void
show_toast_for (KontorNumberRangeGroup *self,
                const GError           *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      adw_toast_new (error->message));
}

/* The range the widgets show; clear it with kontor_number_range_clear() */
static void
read_range (KontorNumberRangeGroup *self,
            KontorNumberRange      *range)
{
  guint year = adw_combo_row_get_selected (self->year_row);

  range->prefix = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->prefix_row)));
  range->year_format = year <= KONTOR_YEAR_FORMAT_SHORT ? year : KONTOR_YEAR_FORMAT_NONE;
  range->padding = gtk_spin_button_get_value_as_int (self->digits_spin);
  range->next_value = (gint64) gtk_spin_button_get_value (self->next_spin);
}

static void
update_preview (KontorNumberRangeGroup *self)
{
  KontorNumberRange range = { NULL, };
  g_autofree char *number = NULL;

  read_range (self, &range);
  number = kontor_number_range_format (&range, range.next_value, NULL);
  gtk_label_set_label (self->preview_label, number);
  kontor_number_range_clear (&range);
}

static void
show_range (KontorNumberRangeGroup *self)
{
  KontorNumberRange range = { NULL, };
  g_autoptr(GError) error = NULL;

  if (!kontor_store_get_number_range_of (get_store (self), self->record_type, &range, &error))
    {
      show_toast_for (self, error);
      return;
    }

  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), range.prefix != NULL ? range.prefix : "");
  adw_combo_row_set_selected (self->year_row, range.year_format);
  gtk_spin_button_set_value (self->digits_spin, range.padding);
  gtk_spin_button_set_value (self->next_spin, (double) range.next_value);
  self->loading--;

  kontor_number_range_clear (&range);
  update_preview (self);
}

static void
store_range (KontorNumberRangeGroup *self)
{
  KontorNumberRange range = { NULL, };
  g_autoptr(GError) error = NULL;

  if (!kontor_context_is_admin (self->context))
    return;

  read_range (self, &range);
  if (!kontor_store_set_number_range_of (get_store (self), self->record_type, &range, &error))
    {
      show_toast_for (self, error);
      show_range (self);
    }
  kontor_number_range_clear (&range);
}

static gboolean
prefix_is_pending (KontorNumberRangeGroup *self)
{
  KontorNumberRange range = { NULL, };
  gboolean pending;

  if (!kontor_store_get_number_range_of (get_store (self), self->record_type, &range, NULL))
    return FALSE;

  pending = g_strcmp0 (range.prefix != NULL ? range.prefix : "",
                       gtk_editable_get_text (GTK_EDITABLE (self->prefix_row))) != 0;
  kontor_number_range_clear (&range);

  return pending;
}

static void
on_prefix_row_changed_cb (KontorNumberRangeGroup *self)
{
  if (self->loading == 0)
    update_preview (self);
}

static void
on_prefix_row_apply_cb (KontorNumberRangeGroup *self)
{
  store_range (self);
}

static void
on_range_changed_cb (KontorNumberRangeGroup *self)
{
  if (self->loading > 0)
    return;

  update_preview (self);
  store_range (self);
}

static void
kontor_number_range_group_constructed (GObject *object)
{
  KontorNumberRangeGroup *self = KONTOR_NUMBER_RANGE_GROUP (object);
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *full = NULL;
  g_autofree char *two = NULL;
  gboolean companies = self->record_type == KONTOR_TYPE_COMPANY;
  gboolean admin;

  G_OBJECT_CLASS (kontor_number_range_group_parent_class)->constructed (object);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   companies ? _("Number Range for Companies")
                                             : _("Number Range for Contacts"));

  /* Same order as KontorYearFormat: the index is the value. */
  /* Translators: %d is this year, "2026" */
  full = g_strdup_printf (_("Four digits (%d)"), g_date_time_get_year (now));
  /* Translators: %02d is this year's last two digits, "26" */
  two = g_strdup_printf (_("Two digits (%02d)"), g_date_time_get_year (now) % 100);
  gtk_string_list_append (years, C_("year in customer numbers", "None"));
  gtk_string_list_append (years, full);
  gtk_string_list_append (years, two);

  self->loading++;
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (years));
  self->loading--;

  admin = kontor_context_is_admin (self->context);
  gtk_widget_set_sensitive (GTK_WIDGET (self->prefix_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_row), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->digits_spin), admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_spin), admin);
  if (!admin)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Only an administrator may change the number "
                                             "range."));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           companies
                                           ? _("“Generate Number” on a company’s page gives the "
                                               "next free number of this range. Numbers already "
                                               "in use are skipped.")
                                           : _("“Generate Number” on a contact’s page gives the "
                                               "next free number of this range. Numbers already "
                                               "in use are skipped."));

  show_range (self);
}

static void
kontor_number_range_group_dispose (GObject *object)
{
  KontorNumberRangeGroup *self = KONTOR_NUMBER_RANGE_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_NUMBER_RANGE_GROUP);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kontor_number_range_group_parent_class)->dispose (object);
}

static void
kontor_number_range_group_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  KontorNumberRangeGroup *self = KONTOR_NUMBER_RANGE_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_RECORD_TYPE:
      g_value_set_gtype (value, self->record_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_number_range_group_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  KontorNumberRangeGroup *self = KONTOR_NUMBER_RANGE_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_RECORD_TYPE:
      self->record_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_number_range_group_class_init (KontorNumberRangeGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_number_range_group_constructed;
  object_class->dispose = kontor_number_range_group_dispose;
  object_class->get_property = kontor_number_range_group_get_property;
  object_class->set_property = kontor_number_range_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KONTOR_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_TYPE] =
    g_param_spec_gtype ("record-type", NULL, NULL, KONTOR_TYPE_RECORD,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/kontor-number-range-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorNumberRangeGroup, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNumberRangeGroup, year_row);
  gtk_widget_class_bind_template_child (widget_class, KontorNumberRangeGroup, digits_spin);
  gtk_widget_class_bind_template_child (widget_class, KontorNumberRangeGroup, next_spin);
  gtk_widget_class_bind_template_child (widget_class, KontorNumberRangeGroup, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, on_prefix_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_prefix_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_range_changed_cb);
}

static void
kontor_number_range_group_init (KontorNumberRangeGroup *self)
{
  /* the template's widgets fire while it is built: nothing to store yet */
  self->loading++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading--;
}

/**
 * kontor_number_range_group_new:
 * @context: the context
 * @record_type: %KONTOR_TYPE_CONTACT or %KONTOR_TYPE_COMPANY
 *
 * Returns: (transfer floating): the group of @record_type's number range
 */
GtkWidget *
kontor_number_range_group_new (KontorContext *context,
                               GType          record_type)
{
  g_return_val_if_fail (KONTOR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record_type == KONTOR_TYPE_CONTACT || record_type == KONTOR_TYPE_COMPANY,
                        NULL);

  return g_object_new (KONTOR_TYPE_NUMBER_RANGE_GROUP,
                       "context", context,
                       "record-type", record_type,
                       NULL);
}

/**
 * kontor_number_range_group_store_pending:
 * @self: a group
 *
 * Stores a prefix typed but not applied, as the window closes: it is not
 * lost.
 */
void
kontor_number_range_group_store_pending (KontorNumberRangeGroup *self)
{
  g_return_if_fail (KONTOR_IS_NUMBER_RANGE_GROUP (self));

  if (kontor_context_is_admin (self->context) && prefix_is_pending (self))
    store_range (self);
}
