/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-board-card"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kontor-board-card-face.h"
#include "kontor-board-private.h"
#include "kontor-format.h"

/*
 * A board card's face: what it shows of its contact (its texts, marks and
 * tooltips), and that drawn by the card itself while it is one widget
 * (src/README.md "The board"). Where each part goes and how high the card
 * is comes from one full card, the prototype, given the same parts: its
 * rows measured once for each set of their parts and width, and added up
 * (see "The prototype" below); so a drawn card has the very height and
 * places of the full card it becomes.
 */

/* the CSS classes of the bubbles, by KontorActivityKind (kontor-board.css) */
static const char * const done_classes[] = {
  "task", "email", "lunch", "meeting", "call", "video-call", "note",
};
G_STATIC_ASSERT (G_N_ELEMENTS (done_classes) == KONTOR_ACTIVITY_N_KINDS);

void
_kontor_board_card_face_clear (KontorBoardCardFace *face)
{
  for (guint i = 0; i < KONTOR_CARD_PART_N_TEXTS; i++)
    g_clear_pointer (&face->texts[i], g_free);
  g_clear_pointer (&face->assign_tooltip, g_free);
  g_clear_pointer (&face->due_tooltip, g_free);
  g_clear_pointer (&face->age_tooltip, g_free);
  g_clear_pointer (&face->stale_tooltip, g_free);
  g_clear_pointer (&face->done_tooltip, g_free);
  face->color_index = -1;
  face->is_new = face->stale = face->overdue = face->conflict = FALSE;
  memset (face->done, 0, sizeof face->done);
}

/* The kinds @face has bubbles for, a bit each; 0 for none */
static guint
get_done_mask (const KontorBoardCardFace *face)
{
  guint mask = 0;

  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    if (face->done[kind] > 0)
      mask |= 1u << kind;

  return mask;
}

static void
set_text (KontorBoardCardFace *face,
          KontorCardPart       part,
          const char          *text)
{
  g_free (face->texts[part]);
  face->texts[part] = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static void
append_detail (GString    *description,
               const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (description->len > 0)
    g_string_append (description, "; ");
  g_string_append (description, text);
}

/* The names of users by id, "Anna Schneider, Jonas Becker"; NULL for none */
static char *
dup_user_names (KontorBoard        *board,
                const char * const *user_ids)
{
  GString *names;

  if (user_ids == NULL || user_ids[0] == NULL)
    return NULL;

  names = g_string_new (NULL);
  for (guint i = 0; user_ids[i] != NULL; i++)
    {
      KontorUser *user = _kontor_board_lookup_user (board, user_ids[i]);
      g_autofree char *name = user != NULL ? kontor_record_dup_display_name (KONTOR_RECORD (user))
                                           : NULL;

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }

  if (names->len == 0)
    {
      g_string_free (names, TRUE);
      return NULL;
    }

  return g_string_free (names, FALSE);
}

static void
fill_assignees (KontorBoardCardFace *face,
                KontorBoard         *board,
                KontorContact       *contact,
                GString             *description)
{
  g_auto(GStrv) assignees = _kontor_board_dup_assignees (board, contact);
  guint n = g_strv_length (assignees);
  KontorUser *first = n > 0 ? _kontor_board_lookup_user (board, assignees[0]) : NULL;
  g_autofree char *names = dup_user_names (board, (const char * const *) assignees);

  if (n > 0)
    {
      g_autofree char *initials = first != NULL ? kontor_user_dup_initials (first) : NULL;
      g_autofree char *more = n > 1 ? g_strdup_printf ("+%u", n - 1) : NULL;

      set_text (face, KONTOR_CARD_PART_AVATAR, initials != NULL ? initials : "?");
      set_text (face, KONTOR_CARD_PART_AVATAR_MORE, more);
      face->color_index = first != NULL ? (int) (kontor_user_get_color_index (first) % 8) : -1;

      /* Translators: who a contact is assigned to; %s is one or more names */
      face->assign_tooltip = g_strdup_printf (_("Assigned to %s"), names != NULL ? names : "?");
      append_detail (description, face->assign_tooltip);
    }
  else
    {
      face->assign_tooltip = g_strdup (_("Assign"));
    }
}

static void
fill_due_date (KontorBoardCardFace *face,
               KontorContact       *contact,
               GString             *description)
{
  const char *due_date = kontor_contact_get_due_date (contact);
  g_autofree char *text = kontor_format_iso_date (due_date);
  g_autofree char *today = kontor_format_dup_today ();

  /* ISO dates compare as text */
  face->overdue = text != NULL && strcmp (due_date, today) < 0;
  set_text (face, KONTOR_CARD_PART_DUE, text);

  if (text == NULL)
    face->due_tooltip = g_strdup (_("Set Due Date"));
  else if (face->overdue)
    /* Translators: %s is a date; "Fälligkeitsdatum: %s (überfällig)" */
    face->due_tooltip = g_strdup_printf (_("Due date: %s (overdue)"), text);
  else
    /* Translators: %s is a date; "Fälligkeitsdatum: %s" */
    face->due_tooltip = g_strdup_printf (_("Due date: %s"), text);

  if (text != NULL)
    append_detail (description, face->due_tooltip);
}

/* Days in the column, and stale when the column has a limit and nothing
 * happened for longer (feature X7, src/README.md) */
static void
fill_age (KontorBoardCardFace  *face,
          KontorContact        *contact,
          KontorPipelineStatus *status,
          GString              *description)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 entered = kontor_contact_get_pipeline_entered_at (contact);
  gint64 stale_days = status != NULL ? kontor_pipeline_status_get_stale_days (status) : 0;
  g_autofree char *age = NULL;

  face->stale = kontor_contact_is_stale (contact, stale_days, now);

  if (entered > 0)
    {
      guint days = kontor_format_days_since (entered);

      if (days == 0)
        {
          /* Translators: on a board card: it came to its column today */
          age = g_strdup (C_("board card", "Today"));
          face->age_tooltip = g_strdup (_("In this column since today"));
        }
      else
        {
          /* Translators: on a board card, how long it has been in its
           * column; short, the tooltip says the rest */
          age = g_strdup_printf (ngettext ("%u day", "%u days", days), days);
          /* Translators: the tooltip of the above */
          face->age_tooltip = g_strdup_printf (ngettext ("%u day in this column",
                                                         "%u days in this column", days),
                                               days);
        }
      append_detail (description, face->age_tooltip);
    }
  set_text (face, KONTOR_CARD_PART_AGE, age);

  if (face->stale)
    {
      guint days = (guint) ((now - kontor_contact_get_stale_since (contact)) / 86400);

      /* Translators: the tooltip of the "Stale" mark on a board card */
      face->stale_tooltip = g_strdup_printf (ngettext ("No activity in this column for %u day",
                                                       "No activity in this column for %u days",
                                                       days),
                                             days);
      append_detail (description, face->stale_tooltip);
    }
}

static void
count_done (KontorBoard   *board,
            KontorContact *contact,
            guint         *done)
{
  KontorStore *store = kontor_context_get_store (kontor_board_get_context (board));
  g_autoptr(GError) error = NULL;

  if (!kontor_store_count_done_activities (store, contact, done, &error))
    g_warning ("Could not count the done activities of a card: %s", error->message);
}

/* "2 phone calls", for "Activities done: …" */
static char *
dup_done_text (KontorActivityKind kind,
               guint              n)
{
  switch (kind)
    {
    case KONTOR_ACTIVITY_KIND_TASK:
      /* Translators: done activities of a kind on a board card, in "Activities done: %s" */
      return g_strdup_printf (ngettext ("%u task", "%u tasks", n), n);
    case KONTOR_ACTIVITY_KIND_EMAIL:
      /* Translators: done activities of a kind on a board card, in "Activities done: %s" */
      return g_strdup_printf (ngettext ("%u e-mail", "%u e-mails", n), n);
    case KONTOR_ACTIVITY_KIND_LUNCH:
      /* Translators: done activities of a kind on a board card, in "Activities done: %s" */
      return g_strdup_printf (ngettext ("%u lunch", "%u lunches", n), n);
    case KONTOR_ACTIVITY_KIND_MEETING:
      /* Translators: done activities of a kind on a board card, in "Activities done: %s" */
      return g_strdup_printf (ngettext ("%u meeting", "%u meetings", n), n);
    case KONTOR_ACTIVITY_KIND_CALL:
      /* Translators: done activities of a kind on a board card, in "Activities done: %s" */
      return g_strdup_printf (ngettext ("%u phone call", "%u phone calls", n), n);
    case KONTOR_ACTIVITY_KIND_VIDEO_CALL:
      /* Translators: done activities of a kind on a board card, in "Activities done: %s" */
      return g_strdup_printf (ngettext ("%u video call", "%u video calls", n), n);
    case KONTOR_ACTIVITY_KIND_NOTE:
      /* Translators: done activities of a kind on a board card, in "Activities done: %s" */
      return g_strdup_printf (ngettext ("%u note", "%u notes", n), n);
    default:
      g_assert_not_reached ();
    }
}

/* The contact's done activities as bubbles, a dot for each kind and the
 * number beside it when more than one (feature P3); one small query when
 * the card is bound or shown anew, never when it is drawn */
static void
fill_done (KontorBoardCardFace *face,
           KontorBoard         *board,
           KontorContact       *contact,
           GString             *description)
{
  g_autoptr(GString) list = NULL;

  count_done (board, contact, face->done);
  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    {
      g_autofree char *text = NULL;
      g_autofree char *count = NULL;

      if (face->done[kind] == 0)
        continue;
      /* three characters at most */
      if (face->done[kind] > 99)
        count = g_strdup ("99+");
      else if (face->done[kind] > 1)
        count = g_strdup_printf ("%u", face->done[kind]);
      set_text (face, KONTOR_CARD_PART_DONE_COUNT + kind, count);

      text = dup_done_text (kind, face->done[kind]);
      if (list == NULL)
        list = g_string_new (NULL);
      else
        g_string_append (list, _(", "));
      g_string_append (list, text);
    }

  if (list != NULL)
    {
      /* Translators: on a board card, for a screen reader and as the tooltip
       * of its bubbles; %s is a list, "2 phone calls, 1 note" */
      face->done_tooltip = g_strdup_printf (_("Activities done: %s"), list->str);
      append_detail (description, face->done_tooltip);
    }
}

/**
 * _kontor_board_card_face_done_changed:
 * @face: a face filled for @contact
 * @board: its board
 * @contact: the contact shown
 *
 * Whether @contact's done activities are others than @face shows: a
 * written activity changes its contact's row, but a property of the
 * contact only with its last activity.
 *
 * Returns: %TRUE when @face must be filled anew
 */
gboolean
_kontor_board_card_face_done_changed (const KontorBoardCardFace *face,
                                      KontorBoard               *board,
                                      KontorContact             *contact)
{
  guint done[KONTOR_ACTIVITY_N_KINDS];

  count_done (board, contact, done);

  return memcmp (done, face->done, sizeof done) != 0;
}

/**
 * _kontor_board_card_face_add_bubbles:
 * @box: where the full card shows its bubbles
 * @dots: (out caller-allocates) (array fixed-size=7): a dot for each kind
 * @counts: (out caller-allocates) (array fixed-size=7): the number beside it
 *
 * Makes the bubbles of a full card, hidden, in the order of the kinds.
 * They are presentation only: the card's description says what they do.
 */
void
_kontor_board_card_face_add_bubbles (GtkWidget  *box,
                                     GtkWidget **dots,
                                     GtkWidget **counts)
{
  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    {
      const char *dot_classes[] = { "board-done-dot", done_classes[kind], NULL };
      const char *count_classes[] = { "board-done-count", "caption", "dim-label", "numeric",
                                      NULL };

      dots[kind] = g_object_new (GTK_TYPE_BOX,
                                 "visible", FALSE,
                                 "valign", GTK_ALIGN_CENTER,
                                 "css-classes", dot_classes,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                 NULL);
      counts[kind] = g_object_new (GTK_TYPE_LABEL,
                                   "visible", FALSE,
                                   "valign", GTK_ALIGN_CENTER,
                                   "css-classes", count_classes,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
      gtk_box_append (GTK_BOX (box), dots[kind]);
      gtk_box_append (GTK_BOX (box), counts[kind]);
    }
}

/**
 * _kontor_board_card_face_show_bubbles:
 * @face: what a full card shows
 * @row: its row of the last activity and the bubbles
 * @dots: (array fixed-size=7): its dots
 * @counts: (array fixed-size=7): its counts
 *
 * Shows @face's bubbles, and the row when it has them or a last activity.
 */
void
_kontor_board_card_face_show_bubbles (const KontorBoardCardFace  *face,
                                      GtkWidget                  *row,
                                      GtkWidget                 **dots,
                                      GtkWidget                 **counts)
{
  for (guint kind = 0; kind < KONTOR_ACTIVITY_N_KINDS; kind++)
    {
      const char *count = face->texts[KONTOR_CARD_PART_DONE_COUNT + kind];

      gtk_widget_set_visible (dots[kind], face->done[kind] > 0);
      gtk_label_set_label (GTK_LABEL (counts[kind]), count);
      gtk_widget_set_visible (counts[kind], count != NULL);
    }
  gtk_widget_set_visible (row, face->texts[KONTOR_CARD_PART_ACTIVITY] != NULL ||
                               get_done_mask (face) != 0);
}

/**
 * _kontor_board_card_face_fill:
 * @face: a face
 * @board: the board, for its card fields and users
 * @contact: the contact shown
 * @status: (nullable): the card's column
 * @description: the card's accessible description, to append to
 *
 * Gives @face what the card shows of @contact now, and says it all in
 * @description.
 */
void
_kontor_board_card_face_fill (KontorBoardCardFace  *face,
                              KontorBoard          *board,
                              KontorContact        *contact,
                              KontorRecord         *status,
                              GString              *description)
{
  g_autofree char *value = NULL;
  g_autofree char *value_text = NULL;
  KontorBoardCardFields fields = _kontor_board_get_card_fields (board);
  g_autofree char *name = kontor_record_dup_display_name (KONTOR_RECORD (contact));
  g_autofree char *sales_reps = NULL;
  g_autofree char *sales_rep_text = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *activity_text = NULL;

  _kontor_board_card_face_clear (face);

  set_text (face, KONTOR_CARD_PART_NAME, name);
  face->conflict = _kontor_board_has_conflict (board, kontor_record_get_id (KONTOR_RECORD (contact)));
  if (face->conflict)
    append_detail (description, C_("board card", "A sync conflict to answer"));
  face->is_new = kontor_contact_get_is_new (contact);
  if (face->is_new)
    append_detail (description, C_("board card", "New"));

  if ((fields & KONTOR_BOARD_CARD_JOB_TITLE) != 0)
    set_text (face, KONTOR_CARD_PART_JOB_TITLE, kontor_contact_get_job_title (contact));
  if ((fields & KONTOR_BOARD_CARD_COMPANY) != 0)
    set_text (face, KONTOR_CARD_PART_COMPANY, kontor_contact_get_company_name (contact));
  append_detail (description, face->texts[KONTOR_CARD_PART_JOB_TITLE]);
  append_detail (description, face->texts[KONTOR_CARD_PART_COMPANY]);

  if ((fields & KONTOR_BOARD_CARD_SALES_REP) != 0)
    sales_reps = dup_user_names (board, kontor_contact_get_sales_reps (contact));
  if (sales_reps != NULL)
    /* Translators: on a board card; %s is one or more names. German: "Verkauf: %s" */
    sales_rep_text = g_strdup_printf (_("Sales rep: %s"), sales_reps);
  set_text (face, KONTOR_CARD_PART_SALES_REP, sales_rep_text);
  append_detail (description, sales_rep_text);

  value = _kontor_board_dup_card_value (board, contact);
  set_text (face, KONTOR_CARD_PART_VALUE, value);
  if (value != NULL)
    /* Translators: a lead's card for a screen reader; %s is an amount of
     * money, "1.234,50 €" */
    value_text = g_strdup_printf (_("Value: %s"), value);
  append_detail (description, value_text);

  activity = kontor_format_date (kontor_contact_get_last_activity_at (contact));
  if (activity != NULL)
    /* Translators: on a board card; %s is a date */
    activity_text = g_strdup_printf (_("Last activity: %s"), activity);
  set_text (face, KONTOR_CARD_PART_ACTIVITY, activity_text);
  append_detail (description, activity_text);
  fill_done (face, board, contact, description);

  /* the days in a pipeline column and staleness; a lead's column has
   * neither */
  if (!KONTOR_IS_LEAD_STATUS (status))
    fill_age (face, contact, status != NULL ? KONTOR_PIPELINE_STATUS (status) : NULL,
              description);
  fill_due_date (face, contact, description);
  fill_assignees (face, board, contact, description);
}

/* ------------------------------------------------------------------------ */
/* The prototype: where a full card puts its parts
 *
 * The prototype's box stacks rows: the name with its marks and the
 * colleague, each one-line text, the due date with the age and the
 * buttons. A row's height and the places of its parts depend on its own
 * parts only, so each row is measured once for each set of its parts it
 * shows, and a card's shape is its shown rows added up:
 * the first frame of a board has a score of shapes that share most rows,
 * and laying out a whole card for each shape took a third more of that
 * frame's main thread (src/README.md "Performance targets"). The test
 * /ui/board/drawn-cards checks every drawn part against the full card. */

/* a row of the box, or a whole card: its size, and where its parts are
 * at each width, from its top */
typedef struct
{
  int         size[2][2];  /* [orientation][minimum, natural] */
  GHashTable *places;      /* width → graphene_rect_t[N_PARTS] (a row's: its parts only) */
} Measured;

/* the fonts and colours of the parts, which only a face's marks change */
typedef struct
{
  PangoFontDescription *fonts[KONTOR_CARD_N_PARTS];
  GdkRGBA               colors[KONTOR_CARD_N_PARTS];
  gboolean              dim[KONTOR_CARD_N_PARTS];
} Styles;

#define MAX_ROWS 8

typedef struct
{
  Measured      whole;           /* first: freed by measured_free() */
  guint         n_rows;
  Measured     *rows[MAX_ROWS];  /* the shown rows, top to bottom (the board's) */
  GtkWidget    *row_widgets[MAX_ROWS];
  int           row_y[MAX_ROWS]; /* where each starts in the box */
  const Styles *styles;          /* the board's */
} Shape;

static void
measured_free (gpointer data)
{
  Measured *measured = data;

  g_hash_table_unref (measured->places);
  g_free (measured);
}

static void
styles_free (gpointer data)
{
  Styles *styles = data;

  for (int i = 0; i < KONTOR_CARD_N_PARTS; i++)
    g_clear_pointer (&styles->fonts[i], pango_font_description_free);
  g_free (styles);
}

/* The text of @part where it changes places: the short texts whose width
 * varies (a date, an age, initials: few different ones on a board, and
 * two of the same length need not be as wide); the one-line texts are
 * inscriptions, as wide as the card whatever they say */
static const char *
place_text (const KontorBoardCardFace *face,
            int                        part)
{
  switch (part)
    {
    case KONTOR_CARD_PART_DUE:
    case KONTOR_CARD_PART_AGE:
    case KONTOR_CARD_PART_AVATAR:
    case KONTOR_CARD_PART_AVATAR_MORE:
      return face->texts[part] != NULL ? face->texts[part] : "";
    default:
      if (part >= KONTOR_CARD_PART_DONE_COUNT && part < KONTOR_CARD_PART_N_TEXTS)
        return face->texts[part] != NULL ? face->texts[part] : "";
      return "";
    }
}

/* What decides the places of a face's parts: which are shown (the texts,
 * the bubbles' dots), the short texts whose width varies, and the marks
 * that change a font */
static char *
dup_shape_key (const KontorBoardCardFace *face)
{
  GString *key = g_string_new (NULL);
  guint shown = 0;

  G_STATIC_ASSERT (KONTOR_CARD_PART_N_TEXTS <= 32);
  for (guint i = 0; i < KONTOR_CARD_PART_N_TEXTS; i++)
    if (face->texts[i] != NULL)
      shown |= 1u << i;

  g_string_printf (key, "%x.%x.%d%d%d", shown, get_done_mask (face), face->is_new, face->stale,
                   face->overdue);
  for (int i = KONTOR_CARD_PART_DUE; i < KONTOR_CARD_PART_N_TEXTS; i++)
    {
      const char *text = place_text (face, i);

      if (*text != '\0')
        g_string_append_printf (key, "\x1f%d:%s", i, text);
    }

  return g_string_free (key, FALSE);
}

static int
get_marks (const KontorBoardCardFace *face)
{
  return (face->is_new ? 1 : 0) | (face->stale ? 2 : 0) | (face->overdue ? 4 : 0);
}

static gboolean
is_in_row (KontorBoard *board,
           int          part,
           GtkWidget   *row)
{
  GtkWidget *widget = _kontor_board_card_get_part (KONTOR_BOARD_CARD (board->card_prototype), part);

  return widget != NULL && (widget == row || gtk_widget_is_ancestor (widget, row));
}

/* The same for @row, the @index-th of the prototype's box: its texts, and
 * the marks that show one of its parts or change its font (the badges,
 * the overdue date); the others change colours only */
static char *
dup_row_key (KontorBoard               *board,
             const KontorBoardCardFace *face,
             GtkWidget                 *row,
             guint                      index)
{
  GString *key = g_string_new (NULL);
  int marks = 0;

  if (is_in_row (board, KONTOR_CARD_PART_NEW_BADGE, row) && face->is_new)
    marks |= 1;
  if (is_in_row (board, KONTOR_CARD_PART_STALE_BADGE, row) && face->stale)
    marks |= 2;
  if (is_in_row (board, KONTOR_CARD_PART_DUE_BOX, row) && face->overdue)
    marks |= 4;
  if (is_in_row (board, KONTOR_CARD_PART_DONE_DOT, row))
    marks |= get_done_mask (face) << 3;
  g_string_append_printf (key, "%u.%d", index, marks);
  for (int i = 0; i < KONTOR_CARD_PART_N_TEXTS; i++)
    {
      if (is_in_row (board, i, row))
        g_string_append_printf (key, "\x1f%d:%d:%s", i, face->texts[i] != NULL,
                                place_text (face, i));
    }

  return g_string_free (key, FALSE);
}

/* Whether @row of the prototype's box shows with @face: a row that is one
 * of the texts shows when the face has that text, the last activity's
 * when it has that or bubbles; the others always */
static gboolean
shows_row (KontorBoard               *board,
           const KontorBoardCardFace *face,
           GtkWidget                 *row)
{
  KontorBoardCard *card = KONTOR_BOARD_CARD (board->card_prototype);

  for (int i = 0; i < KONTOR_CARD_PART_N_TEXTS; i++)
    if (_kontor_board_card_get_part (card, i) == row)
      return face->texts[i] != NULL;

  if (is_in_row (board, KONTOR_CARD_PART_ACTIVITY, row))
    return face->texts[KONTOR_CARD_PART_ACTIVITY] != NULL || get_done_mask (face) != 0;

  return TRUE;
}

/* Between measurements the prototype shows every part, and the rows
 * they are in: GTK works out the styles of shown widgets only, and a part
 * shown for a measurement between two frames would be measured with the
 * styles it had when last shown, or none (the fonts of a card shown just
 * after the board) */
static void
rest_prototype (KontorBoard *board)
{
  KontorBoardCard *card = KONTOR_BOARD_CARD (board->card_prototype);

  for (int i = 0; i < KONTOR_CARD_N_PARTS; i++)
    {
      for (GtkWidget *part = _kontor_board_card_get_part (card, i);
           part != NULL && part != GTK_WIDGET (card);
           part = gtk_widget_get_parent (part))
        gtk_widget_set_visible (part, TRUE);
    }
}

/**
 * _kontor_board_card_face_add_prototype:
 * @board: a board being made
 *
 * Gives @board the prototype of its drawn cards. It is in the board from
 * the start, for the cards' fonts, which it has from the first frame's
 * styles on: in a shelf, a widget that is shown, so that its children's
 * styles follow the board's, but has no size, and neither shows nor lays
 * out its child.
 */
void
_kontor_board_card_face_add_prototype (KontorBoard *board)
{
  board->card_shelf = g_object_new (GTK_TYPE_DRAWING_AREA,
                                    "can-target", FALSE,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (board->card_shelf),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  gtk_widget_set_parent (board->card_shelf, GTK_WIDGET (board));
  board->card_prototype = _kontor_board_card_new_prototype ();
  gtk_widget_set_child_visible (board->card_prototype, FALSE);
  gtk_widget_set_parent (board->card_prototype, board->card_shelf);
  _kontor_board_card_make_full (KONTOR_BOARD_CARD (board->card_prototype));
  rest_prototype (board);
}

/**
 * _kontor_board_card_face_forget_shapes:
 * @board: a board
 *
 * Forgets every shape, row and style measured on the prototype.
 */
void
_kontor_board_card_face_forget_shapes (KontorBoard *board)
{
  g_clear_pointer (&board->card_shapes, g_hash_table_unref);
  g_clear_pointer (&board->card_rows, g_hash_table_unref);
  g_clear_pointer (&board->card_styles, g_hash_table_unref);
}

/* The prototype shows @face, until rest_prototype(); once for each
 * measurement, however many rows it needs */
static void
show_on_prototype (KontorBoard               *board,
                   const KontorBoardCardFace *face,
                   gboolean                  *shown)
{
  if (*shown)
    return;
  _kontor_board_card_show_face (KONTOR_BOARD_CARD (board->card_prototype), face);
  *shown = TRUE;
}

static void
resize_drawn_cards (GtkWidget *widget)
{
  if (KONTOR_IS_BOARD_CARD (widget) && gtk_widget_get_first_child (widget) == NULL)
    gtk_widget_queue_resize (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    resize_drawn_cards (child);
}

static gboolean
resize_drawn_cards_cb (gpointer user_data)
{
  resize_drawn_cards (user_data);

  return G_SOURCE_REMOVE;
}

/* The prototype's fonts change when its styles are first worked out in
 * the window, and with the theme: then the shapes are measured again */
static void
check_fonts (KontorBoard *board)
{
  guint fonts = 0;

  /* not the due date's, which is bold while overdue */
  for (int i = 0; i < KONTOR_CARD_PART_N_TEXTS; i++)
    if (i != KONTOR_CARD_PART_DUE)
      fonts += pango_context_get_serial (gtk_widget_get_pango_context (
      _kontor_board_card_get_part (KONTOR_BOARD_CARD (board->card_prototype), i)));

  fonts = fonts * 2 + adw_style_manager_get_dark (adw_style_manager_get_default ());
  if (fonts == board->card_fonts)
    return;

  if (board->card_shapes != NULL && g_hash_table_size (board->card_shapes) > 0)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, resize_drawn_cards_cb, g_object_ref (board),
                     g_object_unref);
  board->card_fonts = fonts;
  _kontor_board_card_face_forget_shapes (board);
}

static gboolean is_dim (GtkWidget *part);

/* the fonts and colours of @face's marks, the prototype's later ones may
 * be others */
static const Styles *
get_styles (KontorBoard               *board,
            const KontorBoardCardFace *face,
            gboolean                  *shown)
{
  Styles *styles = g_hash_table_lookup (board->card_styles, GINT_TO_POINTER (get_marks (face)));

  if (styles != NULL)
    return styles;

  show_on_prototype (board, face, shown);
  styles = g_new0 (Styles, 1);
  for (int i = 0; i < KONTOR_CARD_N_PARTS; i++)
    {
      GtkWidget *part = _kontor_board_card_get_part (KONTOR_BOARD_CARD (board->card_prototype), i);

      styles->fonts[i] = pango_font_description_copy (pango_context_get_font_description (
                                                        gtk_widget_get_pango_context (part)));
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (part), &styles->colors[i]);
      G_GNUC_END_IGNORE_DEPRECATIONS
      styles->dim[i] = is_dim (part);
    }
  pango_font_description_set_weight (styles->fonts[KONTOR_CARD_PART_DUE],
                                     face->overdue ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  g_hash_table_insert (board->card_styles, GINT_TO_POINTER (get_marks (face)), styles);

  return styles;
}

static Measured *
get_row (KontorBoard               *board,
         const KontorBoardCardFace *face,
         GtkWidget                 *row,
         guint                      index,
         gboolean                  *shown)
{
  g_autofree char *key = dup_row_key (board, face, row, index);
  Measured *row_shape = g_hash_table_lookup (board->card_rows, key);

  if (row_shape != NULL)
    return row_shape;

  show_on_prototype (board, face, shown);
  row_shape = g_new0 (Measured, 1);
  row_shape->places = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (int o = 0; o < 2; o++)
    gtk_widget_measure (row, o, -1, &row_shape->size[o][0], &row_shape->size[o][1], NULL, NULL);
  g_hash_table_insert (board->card_rows, g_steal_pointer (&key), row_shape);

  return row_shape;
}

static Shape *
get_shape (KontorBoard               *board,
           const KontorBoardCardFace *face)
{
  g_autofree char *key = dup_shape_key (face);
  GtkWidget *box;
  Shape *shape;
  gboolean shown = FALSE;
  guint index = 0;
  int spacing;
  int *height, *width;  /* the shape's [minimum, natural] */

  check_fonts (board);
  if (board->card_shapes == NULL)
    {
      board->card_shapes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, measured_free);
      board->card_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, measured_free);
      board->card_styles = g_hash_table_new_full (NULL, NULL, NULL, styles_free);
    }

  shape = g_hash_table_lookup (board->card_shapes, key);
  if (shape != NULL)
    return shape;

  /* a vertical GtkBox: its rows one below the other, apart by its spacing */
  box = gtk_widget_get_first_child (board->card_prototype);
  spacing = gtk_box_get_spacing (GTK_BOX (box));
  shape = g_new0 (Shape, 1);
  shape->whole.places = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  height = shape->whole.size[GTK_ORIENTATION_VERTICAL];
  width = shape->whole.size[GTK_ORIENTATION_HORIZONTAL];
  for (GtkWidget *row = gtk_widget_get_first_child (box);
       row != NULL;
       row = gtk_widget_get_next_sibling (row), index++)
    {
      Measured *row_shape;

      if (!shows_row (board, face, row))
        continue;
      g_assert (shape->n_rows < MAX_ROWS);

      row_shape = get_row (board, face, row, index, &shown);
      if (shape->n_rows > 0)
        for (int m = 0; m < 2; m++)
          height[m] += spacing;
      shape->row_y[shape->n_rows] = height[0];
      for (int m = 0; m < 2; m++)
        {
          height[m] += row_shape->size[GTK_ORIENTATION_VERTICAL][m];
          width[m] = MAX (width[m], row_shape->size[GTK_ORIENTATION_HORIZONTAL][m]);
        }
      shape->row_widgets[shape->n_rows] = row;
      shape->rows[shape->n_rows++] = row_shape;
    }
  shape->styles = get_styles (board, face, &shown);
  if (shown)
    rest_prototype (board);
  g_hash_table_insert (board->card_shapes, g_steal_pointer (&key), shape);

  return shape;
}

/**
 * _kontor_board_card_face_measure:
 *
 * The size of a full card's content with @face: that of the prototype.
 */
void
_kontor_board_card_face_measure (KontorBoard               *board,
                                 const KontorBoardCardFace *face,
                                 GtkOrientation             orientation,
                                 int                       *minimum,
                                 int                       *natural)
{
  Shape *shape = get_shape (board, face);

  *minimum = shape->whole.size[orientation][0];
  *natural = shape->whole.size[orientation][1];
}

/* Where the parts of @row_shape are at @width, from the top of the row:
 * the row laid out as the box lays it out, at its minimum height */
static const graphene_rect_t *
get_row_places (KontorBoard               *board,
                const KontorBoardCardFace *face,
                Measured                  *row_shape,
                GtkWidget                 *row,
                int                        width,
                gboolean                  *shown)
{
  graphene_rect_t *places = g_hash_table_lookup (row_shape->places, GINT_TO_POINTER (width));
  KontorBoardCard *card = KONTOR_BOARD_CARD (board->card_prototype);

  if (places != NULL)
    return places;

  show_on_prototype (board, face, shown);
  places = g_new0 (graphene_rect_t, KONTOR_CARD_N_PARTS);
  /* at the top of the box, where its margins put it */
  gtk_widget_allocate (row, width, row_shape->size[GTK_ORIENTATION_VERTICAL][0], -1, NULL);
  for (int i = 0; i < KONTOR_CARD_N_PARTS; i++)
    {
      GtkWidget *part = _kontor_board_card_get_part (card, i);

      if (part == NULL || !gtk_widget_get_visible (part) ||
          (part != row && !gtk_widget_is_ancestor (part, row)) ||
          !gtk_widget_compute_bounds (part, gtk_widget_get_parent (row), &places[i]))
        graphene_rect_init (&places[i], 0, 0, 0, 0);
    }
  g_hash_table_insert (row_shape->places, GINT_TO_POINTER (width), places);

  return places;
}

/* The places of @face's parts at @width; @shape is get_shape()'s for
 * @face, asked for first (it may measure everything anew) */
static const graphene_rect_t *
get_places (KontorBoard               *board,
            Shape                     *shape,
            const KontorBoardCardFace *face,
            int                        width)
{
  graphene_rect_t *places = g_hash_table_lookup (shape->whole.places, GINT_TO_POINTER (width));
  gboolean shown = FALSE;

  if (places != NULL)
    return places;

  places = g_new0 (graphene_rect_t, KONTOR_CARD_N_PARTS);
  for (guint r = 0; r < shape->n_rows; r++)
    {
      const graphene_rect_t *row_places =
        get_row_places (board, face, shape->rows[r], shape->row_widgets[r],
                        MAX (width, shape->whole.size[GTK_ORIENTATION_HORIZONTAL][0]), &shown);

      for (int i = 0; i < KONTOR_CARD_N_PARTS; i++)
        {
          if (row_places[i].size.width <= 0 && row_places[i].size.height <= 0)
            continue;
          places[i] = row_places[i];
          places[i].origin.y += shape->row_y[r];
        }
    }
  if (shown)
    rest_prototype (board);
  g_hash_table_insert (shape->whole.places, GINT_TO_POINTER (width), places);

  return places;
}

/**
 * _kontor_board_card_face_get_place:
 * @board: the card's board
 * @face: what a drawn card shows
 * @width: the card's width
 * @part: one of its parts
 * @place: (out): where the card draws @part; empty when not drawn
 */
void
_kontor_board_card_face_get_place (KontorBoard               *board,
                                   const KontorBoardCardFace *face,
                                   int                        width,
                                   KontorCardPart             part,
                                   graphene_rect_t           *place)
{
  *place = get_places (board, get_shape (board, face), face, width)[part];
}

/* ------------------------------------------------------------------------ */
/* Drawing */

static const GdkRGBA avatar_colors[] = {
  { 0x1c / 255., 0x71 / 255., 0xd8 / 255., 1 }, { 0x26 / 255., 0xa2 / 255., 0x69 / 255., 1 },
  { 0xc6 / 255., 0x46 / 255., 0x00 / 255., 1 }, { 0x81 / 255., 0x3d / 255., 0x9c / 255., 1 },
  { 0xc0 / 255., 0x1c / 255., 0x28 / 255., 1 }, { 0x86 / 255., 0x5e / 255., 0x3c / 255., 1 },
  { 0x0b / 255., 0x7a / 255., 0x75 / 255., 1 }, { 0x5e / 255., 0x5c / 255., 0x64 / 255., 1 },
};

/* libadwaita's error and warning colours, and .dim-label's opacity */
static const GdkRGBA error_bg = { 0xe0 / 255., 0x1b / 255., 0x24 / 255., 1 };
static const GdkRGBA warning_bg = { 0xe5 / 255., 0xa5 / 255., 0x0a / 255., 1 };
#define DIM_OPACITY 0.55

static gboolean
is_dim (GtkWidget *part)
{
  for (GtkWidget *w = part; w != NULL && !KONTOR_IS_BOARD_CARD (w); w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "dim-label"))
      return TRUE;

  return FALSE;
}

static void
get_part_color (const Shape *shape,
                int          part,
                gboolean     bright,
                GdkRGBA     *color)
{
  *color = shape->styles->colors[part];
  if (!bright && shape->styles->dim[part])
    color->alpha *= DIM_OPACITY;
}

static void
draw_pill (GtkSnapshot           *snapshot,
           const graphene_rect_t *place,
           const GdkRGBA         *color)
{
  GskRoundedRect pill;

  gsk_rounded_rect_init_from_rect (&pill, place, MIN (place->size.width, place->size.height) / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, color, place);
  gtk_snapshot_pop (snapshot);
}

/* @text in the font and colour of the prototype's @part, centred in
 * @place, or from its start and cut to its width when @start */
static void
draw_text (GtkWidget             *card,
           GtkSnapshot           *snapshot,
           const Shape           *shape,
           int                    part,
           const char            *text,
           const graphene_rect_t *place,
           gboolean               start,
           gboolean               bright)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (card, text);
  PangoRectangle extents;
  GdkRGBA color;
  float x;

  pango_layout_set_font_description (layout, shape->styles->fonts[part]);
  if (start)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int) (place->size.width * PANGO_SCALE));
    }
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_get_pixel_extents (layout, NULL, &extents);
  get_part_color (shape, part, bright, &color);

  x = start ? 0 : MAX (0, (place->size.width - extents.width) / 2);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
                            place->origin.x + x,
                            place->origin.y + (int) ((place->size.height - extents.height) / 2)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* The symbolic icon of 16 px, drawn @size wide: a size Adwaita has as
 * an image only, never its SVG (see .board-avatar-empty in
 * kontor-board.css) */
static void
draw_icon (GtkWidget             *card,
           GtkSnapshot           *snapshot,
           const Shape           *shape,
           int                    colored_as,
           const char            *icon_name,
           int                    size,
           const graphene_rect_t *place)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (card));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA color;

  if (place->size.width <= 0)
    return;

  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, 16,
                                     gtk_widget_get_scale_factor (card),
                                     gtk_widget_get_direction (card), 0);
  get_part_color (shape, colored_as, FALSE, &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
                            place->origin.x + (int) ((place->size.width - size) / 2),
                            place->origin.y + (int) ((place->size.height - size) / 2)));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, size, size,
                                            &color, 1);
  gtk_snapshot_restore (snapshot);
}

/**
 * _kontor_board_card_face_snapshot:
 * @face: what @card shows
 * @card: a card without its widgets
 * @snapshot: where to draw
 *
 * Draws @face as the full card would show it, each part where the
 * prototype has it at @card's width.
 */
void
_kontor_board_card_face_snapshot (KontorBoard               *board,
                                  const KontorBoardCardFace *face,
                                  GtkWidget                 *card,
                                  GtkSnapshot               *snapshot)
{
  Shape *shape = get_shape (board, face);
  const graphene_rect_t *places = get_places (board, shape, face, gtk_widget_get_width (card));
  const graphene_rect_t *place;

  for (int i = 0; i < KONTOR_CARD_PART_N_TEXTS; i++)
    {
      place = &places[i];
      if (face->texts[i] == NULL || place->size.width <= 0)
        continue;
      if (i == KONTOR_CARD_PART_AVATAR)
        draw_pill (snapshot, place, &avatar_colors[face->color_index >= 0 ? face->color_index : 7]);
      draw_text (card, snapshot, shape, i, face->texts[i], place, i < KONTOR_CARD_PART_DUE,
                 i == KONTOR_CARD_PART_AGE && face->stale);
    }

  for (int i = KONTOR_CARD_PART_NEW_BADGE; i <= KONTOR_CARD_PART_STALE_BADGE; i++)
    {
      GtkWidget *badge = _kontor_board_card_get_part (KONTOR_BOARD_CARD (board->card_prototype),
                                                      i);

      place = &places[i];
      if (place->size.width <= 0)
        continue;
      draw_pill (snapshot, place, i == KONTOR_CARD_PART_NEW_BADGE ? &error_bg : &warning_bg);
      draw_text (card, snapshot, shape, i, gtk_label_get_label (GTK_LABEL (badge)), place, FALSE,
                 TRUE);
    }

  place = &places[KONTOR_CARD_PART_ASSIGN_IMAGE];
  if (place->size.width > 0)
    {
      GskRoundedRect circle;
      GdkRGBA color;
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA colors[4];

      get_part_color (shape, KONTOR_CARD_PART_ASSIGN_IMAGE, TRUE, &color);
      color.alpha *= 0.4;
      for (int j = 0; j < 4; j++)
        colors[j] = color;
      gsk_rounded_rect_init_from_rect (&circle, place, place->size.width / 2);
      gtk_snapshot_append_border (snapshot, &circle, widths, colors);
      draw_icon (card, snapshot, shape, KONTOR_CARD_PART_ASSIGN_IMAGE, "contact-new-symbolic", 14,
                 place);
    }

  /* the bubbles' dots, in their own colours (their numbers are texts) */
  for (int i = KONTOR_CARD_PART_DONE_DOT; i < KONTOR_CARD_N_PARTS; i++)
    {
      GdkRGBA color;

      if (places[i].size.width <= 0)
        continue;
      get_part_color (shape, i, TRUE, &color);
      draw_pill (snapshot, &places[i], &color);
    }

  draw_icon (card, snapshot, shape, KONTOR_CARD_PART_DUE_BOX, "x-office-calendar-symbolic", 16,
             &places[KONTOR_CARD_PART_DUE_ICON]);
  draw_icon (card, snapshot, shape, KONTOR_CARD_PART_EDIT_ICON, "document-edit-symbolic", 16,
             &places[KONTOR_CARD_PART_EDIT_ICON]);
  draw_icon (card, snapshot, shape, KONTOR_CARD_PART_MOVE_ICON, "go-jump-symbolic", 16,
             &places[KONTOR_CARD_PART_MOVE_ICON]);
}
