/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-blobs.c: the files attached to activities (feature A5),
 * kept beside the database under their SHA-256. */

#include "kontor-store.h"

G_BEGIN_DECLS

gboolean kontor_blob_hash_is_valid     (const char  *sha256);
char    *kontor_store_dup_blob_folder  (KontorStore *self);
char    *kontor_store_dup_blob_path    (KontorStore *self,
                                        const char  *sha256);

G_END_DECLS
