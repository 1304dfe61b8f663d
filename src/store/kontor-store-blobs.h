/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-blobs.c: the files attached to activities (feature A5),
 * kept beside the database under their SHA-256. */

#include <gio/gio.h>

#include "kontor-activity.h"
#include "kontor-store.h"

G_BEGIN_DECLS

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

KontorAttachment *_kontor_blob_keep_file       (GFile                *file,
                                                const char           *folder,
                                                gboolean              allow_large,
                                                GCancellable         *cancellable,
                                                GError              **error);

G_END_DECLS
