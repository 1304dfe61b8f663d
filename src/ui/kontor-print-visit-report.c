/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-print-visit-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-print-visit-report.h"
#include "kontor-activity.h"
#include "kontor-channel.h"
#include "kontor-format.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-money.h"
#include "kontor-print-private.h"
#include "kontor-store-lead.h"
#include "kontor-ui-utils.h"

/**
 * KontorPrintVisitReport:
 *
 * A visit report ("Besuchsbericht", feature X13, src/README.md
 * "Printing"): one page to take to a customer. The contact's details, its
 * notes, its open tasks, its last five activities and its lead projects,
 * then ruled lines to write on. It always fits one page: each part has a
 * number of lines it may take, what is beyond is cut with "…" and a line
 * that says so ("2 more open tasks"); should the page still be too small,
 * everything is drawn smaller to fit. The texts are taken when the
 * report is made.
 */

#define NAME_SIZE     18.0
#define HEADING_SIZE  11.0
#define BODY_SIZE      9.0
#define SMALL_SIZE     8.0
#define LABEL_WIDTH  105.0
#define WHEN_WIDTH    80.0
#define RULE_STEP     20.0
#define MIN_RULES      3

#define MAX_TASKS      6
#define MAX_ACTIVITIES 5
#define MAX_LEADS      5
#define MAX_NOTE_LINES 6

typedef struct
{
  char *when;   /* a date or an amount, the narrow first column */
  char *text;
} Item;

struct _KontorPrintVisitReport
{
  GObject    parent_instance;

  gint64     now;
  char      *name;
  char      *subtitle;
  GPtrArray *details;       /* label, value, label, value … */
  char      *notes;
  GArray    *tasks;         /* Item */
  guint      more_tasks;
  GArray    *activities;    /* Item */
  GArray    *leads;         /* Item */
  guint      more_leads;
  double     scale;
};

static void kontor_print_visit_report_document_init (KontorPrintDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KontorPrintVisitReport, kontor_print_visit_report, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KONTOR_TYPE_PRINT_DOCUMENT,
                                                      kontor_print_visit_report_document_init))

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->when);
  g_free (item->text);
}

static void
add_item (GArray *items,
          char   *when,
          char   *text)
{
  Item item = { when, text };

  g_array_append_val (items, item);
}

static void
add_detail (KontorPrintVisitReport *self,
            const char             *label,
            const char             *value)
{
  if (value == NULL || *value == '\0')
    return;

  g_ptr_array_add (self->details, g_strdup (label));
  g_ptr_array_add (self->details, g_strdup (value));
}

/* Each channel on a line of its own, with its label */
static char *
join_channels (GPtrArray *channels)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      KontorChannel *channel = g_ptr_array_index (channels, i);
      const char *label = kontor_channel_label_to_string (channel->label);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (*label != '\0')
        /* Translators: a phone number and its label: "+49 30 1234 (Mobile)" */
        g_string_append_printf (text, _("%s (%s)"), channel->value, label);
      else
        g_string_append (text, channel->value);
    }

  return g_string_free (text, FALSE);
}

static char *
dup_address (KontorContact *contact)
{
  const char *street = kontor_contact_get_street (contact);
  const char *postal_code = kontor_contact_get_postal_code (contact);
  const char *city = kontor_contact_get_city (contact);
  const char *country = kontor_contact_get_country (contact);
  GString *text = g_string_new (NULL);
  g_autofree char *place = g_strstrip (g_strjoin (" ", postal_code != NULL ? postal_code : "",
                                                  city != NULL ? city : "", NULL));

  if (street != NULL && *street != '\0')
    g_string_append (text, street);
  if (*place != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", place);
  if (country != NULL && *country != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", country);

  return g_string_free (text, FALSE);
}

static char *
dup_record_name (KontorStore *store,
                 GType        type,
                 const char  *id)
{
  g_autoptr(KontorRecord) record = id != NULL ? kontor_store_load (store, type, id, NULL) : NULL;

  /* Translators: a lead project or status that is gone */
  return record != NULL ? kontor_record_dup_display_name (record) : g_strdup (_("(deleted)"));
}

static void
take_details (KontorPrintVisitReport *self,
              KontorContact          *contact)
{
  g_autofree char *phones = join_channels (kontor_contact_get_phones (contact));
  g_autofree char *emails = join_channels (kontor_contact_get_emails (contact));
  g_autofree char *address = dup_address (contact);
  g_autofree char *birthday = kontor_format_iso_date (kontor_contact_get_birthday (contact));
  g_autofree char *last = kontor_format_date (kontor_contact_get_last_activity_at (contact));
  const char *job_title = kontor_contact_get_job_title (contact);
  const char *company = kontor_contact_get_company_name (contact);

  self->name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  if (job_title != NULL && *job_title != '\0' && company != NULL && *company != '\0')
    /* Translators: a contact's job title and company: "Buyer · Acme Ltd" */
    self->subtitle = g_strdup_printf (_("%s · %s"), job_title, company);
  else if (company != NULL && *company != '\0')
    self->subtitle = g_strdup (company);
  else
    self->subtitle = g_strdup (job_title);

  add_detail (self, _("Phone Numbers"), phones);
  /* Translators: a visit report's line of a contact's e-mail addresses */
  add_detail (self, _("E-mail Addresses"), emails);
  add_detail (self, _("Address"), address);
  add_detail (self, _("Customer Number"), kontor_contact_get_customer_number (contact));
  add_detail (self, _("Status"),
              kontor_contact_status_to_string (kontor_contact_get_status (contact)));
  if (kontor_contact_get_is_lead (contact))
    add_detail (self, _("Pipeline Status"), kontor_contact_get_pipeline_status_name (contact));
  add_detail (self, _("Birthday"), birthday);
  add_detail (self, _("Last Activity"), last);
  self->notes = g_strdup (kontor_contact_get_notes (contact));
}

static gboolean
take_activities (KontorPrintVisitReport  *self,
                 KontorStore             *store,
                 KontorContact           *contact,
                 GError                 **error)
{
  g_autoptr(GPtrArray) activities = NULL;
  guint n_tasks = 0;

  /* open tasks first by due date, then the rest, the newest first */
  activities = kontor_store_list_activities (store, KONTOR_RECORD (contact),
                                             KONTOR_ACTIVITY_LIST_OWN, error);
  if (activities == NULL)
    return FALSE;

  for (guint i = 0; i < activities->len; i++)
    {
      KontorActivity *activity = g_ptr_array_index (activities, i);
      KontorActivityKind kind = kontor_activity_get_kind (activity);
      const char *subject = kontor_activity_get_subject (activity);

      if (kind == KONTOR_ACTIVITY_KIND_TASK && !kontor_activity_get_done (activity))
        {
          if (n_tasks++ < MAX_TASKS)
            add_item (self->tasks, kontor_format_iso_date (kontor_activity_get_due_on (activity)),
                      g_strdup (subject));
        }
      else if (self->activities->len < MAX_ACTIVITIES)
        /* Translators: an activity's kind and subject: "Call: Price list" */
        add_item (self->activities,
                  kontor_format_date (kontor_activity_get_happened_at (activity)),
                  g_strdup_printf (_("%s: %s"), kontor_activity_kind_to_string (kind),
                                   subject != NULL ? subject : ""));
    }
  self->more_tasks = n_tasks > MAX_TASKS ? n_tasks - MAX_TASKS : 0;

  return TRUE;
}

static gboolean
take_leads (KontorPrintVisitReport  *self,
            KontorStore             *store,
            KontorContact           *contact,
            GError                 **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  entries = kontor_store_list_contact_leads (store, kontor_record_get_id (KONTOR_RECORD (contact)),
                                             error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len && i < MAX_LEADS; i++)
    {
      KontorLeadEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *project = dup_record_name (store, KONTOR_TYPE_LEAD_PROJECT,
                                                  kontor_lead_entry_get_project_id (entry));
      g_autofree char *status = dup_record_name (store, KONTOR_TYPE_LEAD_STATUS,
                                                 kontor_lead_entry_get_status_id (entry));

      /* Translators: a lead project and the contact's status in it */
      add_item (self->leads,
                kontor_money_format (kontor_lead_entry_get_value_cents (entry),
                                     kontor_lead_entry_get_currency (entry)),
                g_strdup_printf (_("%s · %s"), project, status));
    }
  self->more_leads = entries->len > MAX_LEADS ? entries->len - MAX_LEADS : 0;

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Layout: one function measures (@draw FALSE) and draws */

static double
put (cairo_t     *cr,
     PangoLayout *layout,
     double       x,
     double       y,
     gboolean     draw)
{
  if (draw)
    _kontor_print_show (cr, layout, x, y);

  return _kontor_print_height (layout);
}

static double
put_text (cairo_t    *cr,
          const char *text,
          double      size,
          gboolean    bold,
          double      x,
          double      y,
          double      width,
          int         max_lines,
          gboolean    draw)
{
  g_autoptr(PangoLayout) layout = _kontor_print_layout_new (cr, text, size, bold, width,
                                                            max_lines);

  return put (cr, layout, x, y, draw);
}

static double
put_heading (cairo_t    *cr,
             const char *text,
             double      y,
             double      width,
             gboolean    draw)
{
  double height;

  y += 10;
  height = put_text (cr, text, HEADING_SIZE, TRUE, 0, y, width, 1, draw) + 2;
  if (draw)
    _kontor_print_hline (cr, 0, y + height, width, 0.6);

  return 10 + height + 4;
}

/* @items, each on a line; @more items left out; @empty when none */
static double
put_items (cairo_t    *cr,
           GArray     *items,
           guint       more,
           const char *more_text,
           const char *empty,
           double      y,
           double      width,
           gboolean    draw)
{
  double start = y;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      double when, text;

      when = put_text (cr, item->when, BODY_SIZE, FALSE, 0, y, WHEN_WIDTH - 6, 1, draw);
      text = put_text (cr, item->text, BODY_SIZE, FALSE, WHEN_WIDTH, y, width - WHEN_WIDTH, 1,
                       draw);
      y += MAX (when, text) + 2;
    }
  if (more > 0)
    y += put_text (cr, more_text, SMALL_SIZE, FALSE, WHEN_WIDTH, y, width - WHEN_WIDTH, 1,
                   draw) + 2;
  if (items->len == 0)
    y += put_text (cr, empty, BODY_SIZE, FALSE, 0, y, width, 1, draw) + 2;

  return y - start;
}

static double
layout_report (KontorPrintVisitReport *self,
               cairo_t                *cr,
               double                  width,
               double                  height,
               gboolean                draw)
{
  g_autofree char *more_tasks = NULL;
  g_autofree char *more_leads = NULL;
  g_autofree char *date = kontor_format_date (self->now);
  g_autofree char *printed = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  double y = 0;
  double footer_height;

  y += put_text (cr, _("Visit Report"), SMALL_SIZE, FALSE, 0, y, width, 1, draw) + 2;
  y += put_text (cr, self->name, NAME_SIZE, TRUE, 0, y, width, 2, draw);
  if (self->subtitle != NULL && *self->subtitle != '\0')
    y += put_text (cr, self->subtitle, HEADING_SIZE, FALSE, 0, y, width, 1, draw);

  y += put_heading (cr, _("Details"), y, width, draw);
  for (guint i = 0; i + 1 < self->details->len; i += 2)
    {
      double label, value;

      label = put_text (cr, g_ptr_array_index (self->details, i), BODY_SIZE, TRUE, 0, y,
                        LABEL_WIDTH - 6, 1, draw);
      value = put_text (cr, g_ptr_array_index (self->details, i + 1), BODY_SIZE, FALSE,
                        LABEL_WIDTH, y, width - LABEL_WIDTH, 4, draw);
      y += MAX (label, value) + 2;
    }

  if (self->notes != NULL && *self->notes != '\0')
    {
      g_autoptr(PangoLayout) notes = _kontor_print_layout_new (cr, self->notes, BODY_SIZE, FALSE,
                                                               width, MAX_NOTE_LINES);

      y += put_heading (cr, _("Notes"), y, width, draw);
      y += put (cr, notes, 0, y, draw) + 2;
      if (_kontor_print_is_cut (notes))
        y += put_text (cr, _("The notes are shortened; Kontor shows them whole."), SMALL_SIZE,
                       FALSE, 0, y, width, 1, draw) + 2;
    }

  /* Translators: how many open tasks a visit report leaves out */
  more_tasks = g_strdup_printf (ngettext ("… and %u more open task", "… and %u more open tasks",
                                          self->more_tasks), self->more_tasks);
  y += put_heading (cr, _("Open Tasks"), y, width, draw);
  y += put_items (cr, self->tasks, self->more_tasks, more_tasks, _("No open tasks."), y, width,
                  draw);

  y += put_heading (cr, _("Last Activities"), y, width, draw);
  y += put_items (cr, self->activities, 0, NULL, _("No activities yet."), y, width, draw);

  /* Translators: how many lead projects a visit report leaves out */
  more_leads = g_strdup_printf (ngettext ("… and %u more lead project",
                                          "… and %u more lead projects", self->more_leads),
                                self->more_leads);
  y += put_heading (cr, _("Lead Projects"), y, width, draw);
  y += put_items (cr, self->leads, self->more_leads, more_leads,
                  _("Not in any lead project"), y, width, draw);

  /* Translators: the day a visit report was printed */
  printed = g_strdup_printf (_("Printed on %s"), date != NULL ? date : "");
  footer = _kontor_print_layout_new (cr, printed, SMALL_SIZE, FALSE, width, 1);
  footer_height = _kontor_print_height (footer);

  /* the rest of the page: lines to write on during the visit */
  y += put_heading (cr, _("Notes from the Visit"), y, width, draw);
  if (draw)
    {
      for (double rule = y + RULE_STEP; rule <= height - footer_height - 6; rule += RULE_STEP)
        _kontor_print_hline (cr, 0, rule, width, 0.3);
      put (cr, footer, 0, height - footer_height, TRUE);
      return height;
    }

  return y + MIN_RULES * RULE_STEP + 6 + footer_height;
}

/* ------------------------------------------------------------------------ */
/* KontorPrintDocument */

static guint
kontor_print_visit_report_paginate (KontorPrintDocument *document,
                                    cairo_t             *cr,
                                    double               width,
                                    double               height)
{
  KontorPrintVisitReport *self = KONTOR_PRINT_VISIT_REPORT (document);
  double needed = layout_report (self, cr, width, height, FALSE);

  /* smaller rather than a second page */
  self->scale = needed > height ? height / needed : 1.0;

  return 1;
}

static void
kontor_print_visit_report_draw_page (KontorPrintDocument *document,
                                     cairo_t             *cr,
                                     double               width,
                                     double               height,
                                     guint                page)
{
  KontorPrintVisitReport *self = KONTOR_PRINT_VISIT_REPORT (document);

  g_return_if_fail (page == 0);

  cairo_scale (cr, self->scale, self->scale);
  layout_report (self, cr, width / self->scale, height / self->scale, TRUE);
}

static void
kontor_print_visit_report_document_init (KontorPrintDocumentInterface *iface)
{
  iface->paginate = kontor_print_visit_report_paginate;
  iface->draw_page = kontor_print_visit_report_draw_page;
}

/* ------------------------------------------------------------------------ */
/* GObject */

static void
kontor_print_visit_report_finalize (GObject *object)
{
  KontorPrintVisitReport *self = KONTOR_PRINT_VISIT_REPORT (object);

  g_free (self->name);
  g_free (self->subtitle);
  g_free (self->notes);
  g_ptr_array_unref (self->details);
  g_array_unref (self->tasks);
  g_array_unref (self->activities);
  g_array_unref (self->leads);

  G_OBJECT_CLASS (kontor_print_visit_report_parent_class)->finalize (object);
}

static void
kontor_print_visit_report_class_init (KontorPrintVisitReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kontor_print_visit_report_finalize;
}

static GArray *
new_items (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));

  g_array_set_clear_func (items, item_clear);

  return items;
}

static void
kontor_print_visit_report_init (KontorPrintVisitReport *self)
{
  self->details = g_ptr_array_new_with_free_func (g_free);
  self->tasks = new_items ();
  self->activities = new_items ();
  self->leads = new_items ();
  self->scale = 1.0;
}

/* ------------------------------------------------------------------------ */
/* Public */

/**
 * kontor_print_visit_report_new:
 * @store: a store
 * @contact: a stored contact
 * @now: the time it is printed, in Unix seconds (for its date)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): @contact's visit report, its
 *   tasks, activities and lead projects read from @store
 */
KontorPrintVisitReport *
kontor_print_visit_report_new (KontorStore    *store,
                               KontorContact  *contact,
                               gint64          now,
                               GError        **error)
{
  g_autoptr(KontorPrintVisitReport) self = NULL;

  g_return_val_if_fail (KONTOR_IS_STORE (store), NULL);
  g_return_val_if_fail (KONTOR_IS_CONTACT (contact), NULL);

  self = g_object_new (KONTOR_TYPE_PRINT_VISIT_REPORT, NULL);
  self->now = now;
  take_details (self, contact);
  if (!take_activities (self, store, contact, error) ||
      !take_leads (self, store, contact, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kontor_print_visit_report_get_scale:
 * @self: a report, paginated
 *
 * Returns: how much smaller than its sizes the report is drawn to fit
 *   its page, 1 when it fits as it is
 */
double
kontor_print_visit_report_get_scale (KontorPrintVisitReport *self)
{
  g_return_val_if_fail (KONTOR_IS_PRINT_VISIT_REPORT (self), 1.0);

  return self->scale;
}

/**
 * kontor_print_visit_report_run:
 * @widget: the widget that asks, in the window
 * @store: a store
 * @contact_id: a stored contact's id
 *
 * Opens the print dialog for the contact's visit report as it is stored.
 */
void
kontor_print_visit_report_run (GtkWidget   *widget,
                               KontorStore *store,
                               const char  *contact_id)
{
  g_autoptr(KontorPrintVisitReport) self = NULL;
  g_autoptr(KontorContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;

  contact = kontor_store_load (store, KONTOR_TYPE_CONTACT, contact_id, &error);
  if (contact != NULL)
    self = kontor_print_visit_report_new (store, contact, g_get_real_time () / G_USEC_PER_SEC,
                                          &error);
  if (self == NULL)
    {
      kontor_ui_show_error (widget, _("Printing Failed"), error);
      return;
    }

  /* Translators: a print job's and a PDF file's name; %s is a contact's name */
  job = g_strdup_printf (_("Visit Report %s"), self->name);
  kontor_print_document_run (KONTOR_PRINT_DOCUMENT (self), widget, job);
}
