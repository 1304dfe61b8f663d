/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-job-banner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kontor-job-banner.h"

/**
 * KontorJobBanner:
 *
 * A bar that shows a running KontorStoreJob: what it does and how far it
 * is ("Creating a sample team… 42 %"), a progress bar and "Cancel". It
 * slides in while the job runs and out when it ends; cancelling leaves the
 * job to roll back. Reads the job on the main thread only, through its
 * "progress" and "running" properties.
 */
struct _KontorJobBanner
{
  GtkWidget       parent_instance;

  KontorStoreJob *job;

  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *progress_bar;
  GtkWidget      *cancel_button;
};

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KontorJobBanner, kontor_job_banner, GTK_TYPE_WIDGET)

static void
update (KontorJobBanner *self)
{
  g_autofree char *text = NULL;
  const char *title;
  double fraction;
  gboolean running;

  running = self->job != NULL && kontor_store_job_get_running (self->job);
  gtk_revealer_set_reveal_child (self->revealer, running);
  if (self->job == NULL)
    return;

  title = kontor_store_job_get_title (self->job);
  fraction = kontor_store_job_get_progress (self->job);
  /* Translators: what a long task does and how much of it is done,
   * "Creating a sample team with 200 contacts… 42 %" */
  text = g_strdup_printf (_("%s… %u %%"), title != NULL ? title : "",
                          (guint) (fraction * 100));

  gtk_label_set_label (self->label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
on_job_notify_cb (KontorJobBanner *self,
                  GParamSpec      *pspec,
                  KontorStoreJob  *job)
{
  update (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KontorJobBanner *self = KONTOR_JOB_BANNER (widget);

  if (self->job == NULL)
    return;

  kontor_store_job_cancel (self->job);
  /* the job stops at its next step and rolls back; once is enough */
  gtk_widget_action_set_enabled (widget, "job-banner.cancel", FALSE);
}

/**
 * kontor_job_banner_set_job:
 * @self: a banner
 * @job: (nullable): the job to show
 *
 * Shows @job while it runs.
 */
void
kontor_job_banner_set_job (KontorJobBanner *self,
                           KontorStoreJob  *job)
{
  g_return_if_fail (KONTOR_IS_JOB_BANNER (self));
  g_return_if_fail (job == NULL || KONTOR_IS_STORE_JOB (job));

  if (self->job == job)
    return;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, on_job_notify_cb, self);
  g_set_object (&self->job, job);
  if (job != NULL)
    {
      g_signal_connect_object (job, "notify::progress", G_CALLBACK (on_job_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "notify::running", G_CALLBACK (on_job_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "job-banner.cancel", job != NULL);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

/**
 * kontor_job_banner_get_job:
 * @self: a banner
 *
 * Returns: (transfer none) (nullable): the job shown
 */
KontorStoreJob *
kontor_job_banner_get_job (KontorJobBanner *self)
{
  g_return_val_if_fail (KONTOR_IS_JOB_BANNER (self), NULL);

  return self->job;
}

static void
kontor_job_banner_dispose (GObject *object)
{
  KontorJobBanner *self = KONTOR_JOB_BANNER (object);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, on_job_notify_cb, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), KONTOR_TYPE_JOB_BANNER);

  G_OBJECT_CLASS (kontor_job_banner_parent_class)->dispose (object);
}

static void
kontor_job_banner_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KontorJobBanner *self = KONTOR_JOB_BANNER (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_job_banner_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KontorJobBanner *self = KONTOR_JOB_BANNER (object);

  switch (prop_id)
    {
    case PROP_JOB:
      kontor_job_banner_set_job (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kontor_job_banner_class_init (KontorJobBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kontor_job_banner_dispose;
  object_class->get_property = kontor_job_banner_get_property;
  object_class->set_property = kontor_job_banner_set_property;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, KONTOR_TYPE_STORE_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "/ui/kontor-job-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, KontorJobBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, KontorJobBanner, label);
  gtk_widget_class_bind_template_child (widget_class, KontorJobBanner, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KontorJobBanner, cancel_button);

  gtk_widget_class_install_action (widget_class, "job-banner.cancel", NULL, cancel_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jobbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
kontor_job_banner_init (KontorJobBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "job-banner.cancel", FALSE);
}

/**
 * kontor_job_banner_new:
 *
 * Returns: (transfer full): a banner without a job, hidden
 */
GtkWidget *
kontor_job_banner_new (void)
{
  return g_object_new (KONTOR_TYPE_JOB_BANNER, NULL);
}
