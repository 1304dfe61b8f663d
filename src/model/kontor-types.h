/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _KontorActivity       KontorActivity;
typedef struct _KontorChannel        KontorChannel;
typedef struct _KontorCompany        KontorCompany;
typedef struct _KontorContact        KontorContact;
typedef struct _KontorEmployment     KontorEmployment;
typedef struct _KontorField          KontorField;
typedef struct _KontorFilter         KontorFilter;
typedef struct _KontorGroup          KontorGroup;
typedef struct _KontorLeadEntry      KontorLeadEntry;
typedef struct _KontorLeadProject    KontorLeadProject;
typedef struct _KontorLeadStatus     KontorLeadStatus;
typedef struct _KontorOperation      KontorOperation;
typedef struct _KontorPipelineStatus KontorPipelineStatus;
typedef struct _KontorRecord         KontorRecord;
typedef struct _KontorTeam           KontorTeam;
typedef struct _KontorUser           KontorUser;

G_END_DECLS
