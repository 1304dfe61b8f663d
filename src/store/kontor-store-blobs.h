/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-blobs.c: the files attached to activities (feature A5),
 * kept beside the database under their SHA-256. */

#include <gio/gio.h>

#include "kontor-activity.h"
#include "kontor-store.h"

G_BEGIN_DECLS

/* a kept file, and a copy made to open it: read-only */
#define KONTOR_BLOB_MODE 0400

/* which names count, besides the activities' (_kontor_store_dup_named_blobs ()) */
typedef enum
{
  KONTOR_BLOBS_NAMED_ACTIVITIES = 0,
  KONTOR_BLOBS_NAMED_CONFLICTS  = 1 << 0,  /* the user's undecided conflicts */
  KONTOR_BLOBS_NAMED_UNREAD     = 1 << 1,  /* hashes in values the model cannot read */
} KontorBlobsNamedFlags;

gboolean kontor_blob_hash_is_valid     (const char  *sha256);
char    *kontor_store_dup_blob_folder  (KontorStore *self);
char    *kontor_store_dup_blob_path    (KontorStore *self,
                                        const char  *sha256);
gboolean kontor_store_has_blob         (KontorStore *self,
                                        const char  *sha256);
gboolean kontor_store_blob_is_large    (goffset      size);

void              kontor_store_add_blob_async  (KontorStore          *self,
                                                GFile                *file,
                                                gboolean              allow_large,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
KontorAttachment *kontor_store_add_blob_finish (KontorStore          *self,
                                                GAsyncResult         *result,
                                                GError              **error);
KontorAttachment *kontor_store_add_blob        (KontorStore          *self,
                                                GFile                *file,
                                                gboolean              allow_large,
                                                GError              **error);
gboolean          kontor_store_collect_blobs   (KontorStore          *self,
                                                guint                *n_removed,
                                                GError              **error);
char             *kontor_store_dup_blob_open_path (KontorStore             *self,
                                                   const KontorAttachment  *attachment,
                                                   GError                 **error);

GHashTable       *_kontor_store_dup_named_blobs (KontorStore          *self,
                                                 KontorBlobsNamedFlags flags,
                                                 GError              **error);
void              _kontor_blob_remove_stray_files (const char         *folder,
                                                   gint64              now);
char             *_kontor_blob_dup_open_folder  (void);
gboolean          _kontor_blob_write_all       (int                   fd,
                                                const char           *data,
                                                gsize                 len,
                                                int                  *saved_errno);
guint             _kontor_blob_sweep_open_copies (const char          *folder,
                                                  gint64               now);

KontorAttachment *_kontor_blob_keep_file       (GFile                *file,
                                                const char           *folder,
                                                gboolean              allow_large,
                                                GCancellable         *cancellable,
                                                GError              **error);

G_END_DECLS
