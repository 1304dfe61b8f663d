/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-date-button"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-accessible.h"
#include "kontor-contact-rules.h"
#include "kontor-date-button.h"
#include "kontor-format.h"

/**
 * KontorDateButton:
 *
 * A button showing a calendar date ("YYYY-MM-DD", or none) that opens a
 * popover with the title, a calendar, Clear and Set. Set (the default, so
 * Enter in the calendar) takes the day chosen; moving through the calendar
 * with the keys changes nothing yet. The popover is made when first
 * opened: a board has hundreds of these.
 *
 * #KontorDateButton:date is notified when the user sets or clears the
 * date, and when it is set from code. The button shows the date, or "Not
 * Set"; #KontorDateButton:content replaces that with a widget of the
 * caller's (the board card shows an icon and its own label). The title is
 * the popover's heading and the button's accessible name.
 *
 * With #KontorDateButton:allow-yearless (the birthday), the popover also
 * has "Year unknown": Set then takes the day and month only, "--MM-DD"
 * (kontor_birthday_parse(), src/README.md "Birthdays"), and such a date
 * opens the calendar on that day of this year with the box ticked.
 *
 * Actions: `date.set` (the day chosen in the calendar), `date.clear`.
 */
struct _KontorDateButton
{
  AdwBin         parent_instance;

  char          *date;
  char          *title;
  GtkWidget     *content;    /* the menu button's child, or NULL */

  GtkMenuButton *button;
  GtkLabel      *label;      /* owned, made when needed: the child without content */
  GtkLabel      *heading;    /* in the popover, once made */
  GtkCalendar   *calendar;
  GtkCheckButton *yearless;  /* in the popover with allow-yearless */
  gboolean       allow_yearless;
};

enum {
  PROP_0,
  PROP_DATE,
  PROP_TITLE,
  PROP_CONTENT,
  PROP_HAS_FRAME,
  PROP_ALLOW_YEARLESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorDateButton, kontor_date_button, ADW_TYPE_BIN)

static GDateTime *
parse_date (const char *iso_date)
{
  guint year, month, day;

  /* a day without its year: that day this year (29 February in 2000 when
   * this year has none) */
  if (kontor_birthday_parse (iso_date, &year, &month, &day) && year == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int this_year = g_date_time_get_year (now);

      if (!g_date_valid_dmy (day, month, this_year))
        this_year = 2000;
      return g_date_time_new_local (this_year, month, day, 0, 0, 0);
    }

  /* the model's rule of a date: the shape and a day that exists */
  if (!kontor_date_is_valid (iso_date))
    return NULL;

  return g_date_time_new_local (g_ascii_strtoll (iso_date, NULL, 10),
                                g_ascii_strtoll (iso_date + 5, NULL, 10),
                                g_ascii_strtoll (iso_date + 8, NULL, 10), 0, 0, 0);
}

static void
update_button (KontorDateButton *self)
{
  g_autofree char *text = NULL;

  if (self->content == NULL)
    {
      if (self->label == NULL)
        self->label = g_object_ref_sink (GTK_LABEL (gtk_label_new (NULL)));
      if (gtk_menu_button_get_child (self->button) != GTK_WIDGET (self->label))
        gtk_menu_button_set_child (self->button, GTK_WIDGET (self->label));
      text = kontor_format_iso_date (self->date);
      gtk_label_set_label (self->label, text != NULL ? text : _("Not Set"));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "date.clear", self->date != NULL);
}

static void
update_accessible (KontorDateButton *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ?: "",
                                  -1);
  if (self->heading != NULL)
    gtk_label_set_label (self->heading, self->title);
  if (self->calendar != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ?: "",
                                    -1);
}

static void
create_popover_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  KontorDateButton *self = user_data;
  g_autoptr(GDateTime) date = parse_date (self->date);

  if (self->calendar == NULL)
    {
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *clear_button = gtk_button_new_with_mnemonic (_("_Clear"));
      GtkWidget *set_button = gtk_button_new_with_mnemonic (_("_Set"));

      self->heading = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (self->heading), "heading");
      self->calendar = GTK_CALENDAR (gtk_calendar_new ());
      kontor_accessible_label_calendar (self->calendar);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (clear_button), "date.clear");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (set_button), "date.set");
      gtk_widget_add_css_class (set_button, "suggested-action");
      gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
      gtk_box_append (GTK_BOX (buttons), clear_button);
      gtk_box_append (GTK_BOX (buttons), set_button);

      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
      if (self->allow_yearless)
        {
          /* Translators: a check box under the calendar of a birthday */
          self->yearless = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Year unknown")));
          /* GTK 4.8 gives a check box its label with the underscore as
           * its name ("_Year unknown") */
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->yearless),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year unknown"), -1);
          gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->yearless));
        }
      gtk_box_append (GTK_BOX (box), buttons);
      gtk_popover_set_child (GTK_POPOVER (popover), box);
      gtk_popover_set_default_widget (GTK_POPOVER (popover), set_button);
      gtk_menu_button_set_popover (button, popover);
      update_accessible (self);
    }

  if (self->yearless != NULL)
    gtk_check_button_set_active (self->yearless, self->date != NULL &&
                                                 g_str_has_prefix (self->date, "--"));
  if (date == NULL)
    date = g_date_time_new_now_local ();
  gtk_calendar_select_day (self->calendar, date);
}

static void
take_date (KontorDateButton *self,
           const char       *iso_date)
{
  kontor_date_button_set_date (self, iso_date);
  gtk_menu_button_popdown (self->button);
}

static void
set_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KontorDateButton *self = KONTOR_DATE_BUTTON (widget);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso_date = NULL;

  if (self->calendar == NULL)
    return;

  date = gtk_calendar_get_date (self->calendar);
  if (self->yearless != NULL && gtk_check_button_get_active (self->yearless))
    iso_date = g_date_time_format (date, "--%m-%d");
  else
    iso_date = g_date_time_format (date, "%Y-%m-%d");
  take_date (self, iso_date);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  take_date (KONTOR_DATE_BUTTON (widget), NULL);
}

static void
activate_cb (KontorDateButton *self)
{
  gtk_menu_button_popup (self->button);
}

static void
kontor_date_button_constructed (GObject *object)
{
  KontorDateButton *self = KONTOR_DATE_BUTTON (object);

  G_OBJECT_CLASS (kontor_date_button_parent_class)->constructed (object);

  update_button (self);
  update_accessible (self);
}

static void
kontor_date_button_dispose (GObject *object)
{
  KontorDateButton *self = KONTOR_DATE_BUTTON (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  self->content = NULL;
  g_clear_object (&self->label);

  G_OBJECT_CLASS (kontor_date_button_parent_class)->dispose (object);
}

static void
kontor_date_button_finalize (GObject *object)
{
  KontorDateButton *self = KONTOR_DATE_BUTTON (object);

  g_free (self->date);
  g_free (self->title);

  G_OBJECT_CLASS (kontor_date_button_parent_class)->finalize (object);
}

static void
kontor_date_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KontorDateButton *self = KONTOR_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;
    case PROP_HAS_FRAME:
      g_value_set_boolean (value, gtk_menu_button_get_has_frame (self->button));
      break;
    case PROP_ALLOW_YEARLESS:
      g_value_set_boolean (value, self->allow_yearless);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_date_button_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KontorDateButton *self = KONTOR_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      kontor_date_button_set_date (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      kontor_date_button_set_title (self, g_value_get_string (value));
      break;
    case PROP_CONTENT:
      kontor_date_button_set_content (self, g_value_get_object (value));
      break;
    case PROP_HAS_FRAME:
      gtk_menu_button_set_has_frame (self->button, g_value_get_boolean (value));
      break;
    case PROP_ALLOW_YEARLESS:
      /* read when the popover is made, on first opening */
      self->allow_yearless = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_date_button_class_init (KontorDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kontor_date_button_constructed;
  object_class->dispose = kontor_date_button_dispose;
  object_class->finalize = kontor_date_button_finalize;
  object_class->get_property = kontor_date_button_get_property;
  object_class->set_property = kontor_date_button_set_property;

  /**
   * KontorDateButton:date:
   *
   * The date as "YYYY-MM-DD" (or "--MM-DD" with
   * #KontorDateButton:allow-yearless); %NULL when none.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorDateButton:title:
   *
   * What the date is ("Birthday"): the popover's heading and the
   * button's accessible name.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorDateButton:content:
   *
   * What the button shows instead of the date; %NULL for the date.
   */
  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KontorDateButton:has-frame:
   *
   * Whether the button has a frame; %FALSE for a flat one.
   */
  properties[PROP_HAS_FRAME] =
    g_param_spec_boolean ("has-frame", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * KontorDateButton:allow-yearless:
   *
   * Whether the date may be a day without its year ("--MM-DD"), which a
   * birthday alone may; set before the popover is first opened.
   */
  properties[PROP_ALLOW_YEARLESS] =
    g_param_spec_boolean ("allow-yearless", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass),
                              G_SIGNAL_RUN_FIRST | G_SIGNAL_ACTION,
                              G_CALLBACK (activate_cb), NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal_from_name (widget_class, "activate");

  gtk_widget_class_install_action (widget_class, "date.set", NULL, set_action);
  gtk_widget_class_install_action (widget_class, "date.clear", NULL, clear_action);

  gtk_widget_class_set_css_name (widget_class, "datebutton");
}

static void
kontor_date_button_init (KontorDateButton *self)
{
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_create_popup_func (self->button, create_popover_cb, self, NULL);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));
}

/**
 * kontor_date_button_new:
 *
 * Returns: (transfer full): a date button showing no date
 */
GtkWidget *
kontor_date_button_new (void)
{
  return g_object_new (KONTOR_TYPE_DATE_BUTTON, NULL);
}

const char *
kontor_date_button_get_date (KontorDateButton *self)
{
  g_return_val_if_fail (KONTOR_IS_DATE_BUTTON (self), NULL);

  return self->date;
}

/**
 * kontor_date_button_set_date:
 * @self: a date button
 * @iso_date: (nullable): a date "YYYY-MM-DD", %NULL or "" for none
 */
void
kontor_date_button_set_date (KontorDateButton *self,
                             const char       *iso_date)
{
  g_return_if_fail (KONTOR_IS_DATE_BUTTON (self));

  if (iso_date != NULL && *iso_date == '\0')
    iso_date = NULL;
  if (g_strcmp0 (self->date, iso_date) == 0)
    return;

  g_free (self->date);
  self->date = g_strdup (iso_date);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
kontor_date_button_get_title (KontorDateButton *self)
{
  g_return_val_if_fail (KONTOR_IS_DATE_BUTTON (self), NULL);

  return self->title;
}

void
kontor_date_button_set_title (KontorDateButton *self,
                              const char       *title)
{
  g_return_if_fail (KONTOR_IS_DATE_BUTTON (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

GtkWidget *
kontor_date_button_get_content (KontorDateButton *self)
{
  g_return_val_if_fail (KONTOR_IS_DATE_BUTTON (self), NULL);

  return self->content;
}

void
kontor_date_button_set_content (KontorDateButton *self,
                                GtkWidget        *content)
{
  g_return_if_fail (KONTOR_IS_DATE_BUTTON (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  if (self->content == content)
    return;

  self->content = content;
  if (content != NULL)
    gtk_menu_button_set_child (self->button, content);
  else
    update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}
