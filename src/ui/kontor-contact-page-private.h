/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include "kontor-company-completion.h"
#include "kontor-contact-page.h"

G_BEGIN_DECLS

/* KontorContactPage is split over two files: kontor-contact-page.c (the
 * page, its actions and the form) and kontor-contact-page-channels.c (the
 * rows of e-mail addresses and phone numbers). They share this struct. */

typedef struct
{
  KontorChannelKind  kind;
  guint              serial;         /* the remove action's target */
  char              *id;             /* NULL until stored */
  gboolean           has_custom;     /* the last drop-down item is custom_label */
  char              *custom_label;   /* a label that is not a known key, or NULL */
  AdwEntryRow       *row;            /* owned by the list box */
  GtkDropDown       *label_dropdown;
  GtkWidget         *remove_button;
} ChannelRow;

typedef struct
{
  GtkBox    *box;
  GPtrArray *ids;      /* char *, one per check button */
  GPtrArray *checks;   /* GtkCheckButton, owned by the box */
} UserChecks;

struct _KontorContactPage
{
  AdwBin                   parent_instance;

  KontorContext           *context;
  KontorContact           *contact;          /* as stored; NULL when none */
  KontorCompanyCompletion *company_completion;

  GPtrArray               *email_rows;       /* ChannelRow */
  GPtrArray               *phone_rows;       /* ChannelRow */
  guint                    next_serial;
  GPtrArray               *pipeline_ids;     /* char *, one per pipeline_row item */
  GPtrArray               *team_ids;         /* char *, one per team_row item; NULL: no team */
  UserChecks               sales_reps;
  UserChecks               assignees;
  char                    *birthday;
  char                    *due_date;
  char                    *shown_status;     /* the status the action announced last */

  guint                    loading;
  gboolean                 busy;
  gboolean                 dirty;
  gboolean                 valid;

  AdwToastOverlay         *toast_overlay;
  AdwWindowTitle          *window_title;
  GtkScrolledWindow       *scrolled_window;
  AdwAvatar               *avatar;
  GtkLabel                *name_label;
  GtkLabel                *job_label;
  GtkRevealer             *restricted_revealer;
  GtkLabel                *restricted_label;
  GtkLabel                *feedback_label;
  AdwComboRow             *salutation_row;
  AdwEntryRow             *title_row;
  AdwEntryRow             *first_name_row;
  AdwEntryRow             *last_name_row;
  AdwEntryRow             *job_title_row;
  AdwEntryRow             *company_row;
  AdwComboRow             *language_row;
  GtkMenuButton           *birthday_button;
  GtkCalendar             *birthday_calendar;
  GtkSwitch               *lead_switch;
  GtkListBox              *email_list;
  GtkWidget               *add_email_row;
  GtkListBox              *phone_list;
  GtkWidget               *add_phone_row;
  AdwEntryRow             *street_row;
  AdwEntryRow             *postal_code_row;
  AdwEntryRow             *city_row;
  AdwEntryRow             *country_row;
  AdwComboRow             *pipeline_row;
  AdwEntryRow             *customer_number_row;
  AdwActionRow            *sales_reps_row;
  GtkMenuButton           *sales_reps_button;
  GtkBox                  *sales_reps_box;
  AdwActionRow            *assignees_row;
  GtkMenuButton           *assignees_button;
  GtkBox                  *assignees_box;
  AdwComboRow             *team_row;
  GtkMenuButton           *due_date_button;
  GtkCalendar             *due_date_calendar;
  GtkTextView             *notes_view;
  GtkLabel                *created_label;
  GtkLabel                *updated_label;
  GtkLabel                *activity_label;
};

/* kontor-contact-page-channels.c */
ChannelRow *_kontor_contact_page_add_channel_row            (KontorContactPage   *self,
                                                             KontorChannelKind    kind,
                                                             const KontorChannel *value);
void        _kontor_contact_page_remove_channel_row         (KontorContactPage   *self,
                                                             ChannelRow          *channel);
void        _kontor_contact_page_channel_row_free           (ChannelRow          *channel);
ChannelRow *_kontor_contact_page_find_channel_row           (KontorContactPage   *self,
                                                             guint                serial);
GtkListBox *_kontor_contact_page_get_channel_list           (KontorContactPage   *self,
                                                             KontorChannelKind    kind);
GPtrArray  *_kontor_contact_page_channels_from_rows         (GPtrArray           *rows);
void        _kontor_contact_page_set_channels               (KontorContactPage   *self,
                                                             KontorChannelKind    kind,
                                                             GPtrArray           *channels);
void        _kontor_contact_page_take_channel_ids           (KontorContactPage   *self,
                                                             KontorChannelKind    kind,
                                                             GPtrArray           *stored);
void        _kontor_contact_page_mark_channel_rows          (KontorContactPage   *self);
void        _kontor_contact_page_update_channel_row_editable (KontorContactPage  *self,
                                                             ChannelRow          *channel);

/* kontor-contact-page.c */
gboolean    _kontor_contact_page_can_edit                   (KontorContactPage   *self);
char       *_kontor_contact_page_dup_entry_text             (AdwEntryRow         *row);
void        _kontor_contact_page_set_entry_text             (AdwEntryRow         *row,
                                                             const char          *text);
void        _kontor_contact_page_update_state               (KontorContactPage   *self);
void        _kontor_contact_page_on_field_changed_cb        (KontorContactPage   *self);

G_END_DECLS
