/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <adwaita.h>

#include "kontor-activity.h"
#include "kontor-context.h"

G_BEGIN_DECLS

#define KONTOR_TYPE_ACTIVITIES_SECTION (kontor_activities_section_get_type ())

G_DECLARE_FINAL_TYPE (KontorActivitiesSection, kontor_activities_section,
                      KONTOR, ACTIVITIES_SECTION, AdwPreferencesGroup)

void       kontor_activities_section_set_owner  (KontorActivitiesSection *self,
                                                 KontorContext           *context,
                                                 KontorRecord            *owner);
GtkWidget *kontor_activities_section_record_new (KontorActivitiesSection *self);
guint      kontor_activities_section_get_n_rows (KontorActivitiesSection *self);
GtkWidget *kontor_activities_section_get_quick_row (KontorActivitiesSection *self);

char        *kontor_activity_dup_hint          (KontorActivity *activity,
                                                gboolean       *has_files,
                                                gboolean       *has_people);
GListModel  *kontor_activity_kinds_model_new   (void);
guint        kontor_activity_kinds_from_drop_down (GtkDropDown *drop_down);
GtkDropDown *kontor_colleague_drop_down_new    (void);
void         kontor_colleague_drop_down_fill   (GtkDropDown *drop_down,
                                                KontorStore *store);
const char  *kontor_colleague_drop_down_get_id (GtkDropDown *drop_down);
void         kontor_colleague_drop_down_set_id (GtkDropDown *drop_down,
                                                const char  *id);

G_END_DECLS
