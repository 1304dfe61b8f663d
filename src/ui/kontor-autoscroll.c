/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-autoscroll"

#include "config.h"

#include "kontor-autoscroll.h"

/* Scrolling while something is dragged near an edge (feature P4, src/README.md): a card
 * dragged to the bottom of a column scrolls it down, to the right edge of
 * the board the board scrolls right, so that a card reaches any place
 * without letting go. GTK 4.8's scrolled windows do not do this by
 * themselves. The closer to the edge, the faster. */

/* how near an edge a drag starts scrolling, and how fast it scrolls right
 * at the edge (pixels per frame) */
#define EDGE_PX      56.0
#define MAX_STEP_PX  24.0

typedef struct
{
  GtkScrolledWindow *scroller;     /* unowned: it owns the controller, which owns this */
  GtkOrientation     orientation;
  double             step;
  guint              tick_id;
} Autoscroll;

static GtkAdjustment *
get_adjustment (Autoscroll *self)
{
  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    return gtk_scrolled_window_get_hadjustment (self->scroller);

  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       data)
{
  Autoscroll *self = data;
  GtkAdjustment *adjustment = get_adjustment (self);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  gtk_adjustment_set_value (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment) + self->step, lower,
                                   MAX (lower, upper)));

  return G_SOURCE_CONTINUE;
}

static void
stop (Autoscroll *self)
{
  self->step = 0;
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->scroller), self->tick_id);
  self->tick_id = 0;
}

static void
on_motion_cb (GtkDropControllerMotion *controller,
              double                   x,
              double                   y,
              Autoscroll              *self)
{
  GtkWidget *widget = GTK_WIDGET (self->scroller);
  gboolean horizontal = self->orientation == GTK_ORIENTATION_HORIZONTAL;
  double position = horizontal ? x : y;
  double size = horizontal ? gtk_widget_get_width (widget) : gtk_widget_get_height (widget);
  double edge = MIN (EDGE_PX, size / 4);

  if (edge <= 0)
    self->step = 0;
  else if (position < edge)
    self->step = -MAX_STEP_PX * (edge - position) / edge;
  else if (position > size - edge)
    self->step = MAX_STEP_PX * (position - (size - edge)) / edge;
  else
    self->step = 0;

  if (self->step == 0)
    stop (self);
  else if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (widget, on_tick_cb, self, NULL);
}

static void
on_leave_cb (GtkDropControllerMotion *controller,
             Autoscroll              *self)
{
  stop (self);
}

/* hidden in the middle of a drag (the view switched): no leave comes */
static void
on_unmap_cb (GtkWidget  *widget,
             Autoscroll *self)
{
  stop (self);
}

/**
 * kontor_autoscroll_attach:
 * @scroller: a scrolled window
 * @orientation: the direction it scrolls in while a drag is near its edges
 *
 * Makes @scroller scroll while a drag hovers near its start or end edge,
 * until the drag leaves that edge, the widget, or is dropped.
 */
void
kontor_autoscroll_attach (GtkScrolledWindow *scroller,
                          GtkOrientation     orientation)
{
  GtkEventController *controller;
  Autoscroll *self;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));

  self = g_new0 (Autoscroll, 1);
  self->scroller = scroller;
  self->orientation = orientation;

  controller = gtk_drop_controller_motion_new ();
  gtk_event_controller_set_name (controller, "kontor-autoscroll");
  /* freed with the controller, when the scroller goes; no frame ticks then */
  g_object_set_data_full (G_OBJECT (controller), "kontor-autoscroll", self, g_free);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (scroller), controller);
  g_signal_connect (scroller, "unmap", G_CALLBACK (on_unmap_cb), self);
}
