/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#pragma once

/* kontor-store-blob-sync.c: the files attached to activities (feature
 * A5) on their way to and from the team server: which this machine has
 * to upload, which it has to fetch, and a fetched file put in place only
 * once it is whole and its own. The requests are the sync engine's
 * (src/sync/kontor-sync-engine.c). */

#include "kontor-store.h"

G_BEGIN_DECLS

/* blob.uploaded: 0 not yet, 1 the server has it, 2 the server refused
 * it for good (kontor_store_set_blob_refused ()) */
#define KONTOR_BLOB_REFUSED 2

/* A file named by an attachment */
typedef struct
{
  char     *sha256;
  gint64    size;     /* in bytes, as the attachment or the blob table says; -1 unknown */
  gboolean  refused;  /* kontor_store_list_blobs_to_upload (): the server refused it for good */
} KontorBlobRef;

void                kontor_blob_ref_free                (KontorBlobRef       *ref);

GPtrArray          *kontor_store_list_blobs_to_upload   (KontorStore         *self,
                                                         GError             **error);
GPtrArray          *kontor_store_list_blobs_to_send     (KontorStore         *self,
                                                         GError             **error);
gboolean            kontor_store_set_blob_refused       (KontorStore         *self,
                                                         const char          *sha256,
                                                         GError             **error);
gboolean            kontor_store_set_blob_uploaded      (KontorStore         *self,
                                                         const char          *sha256,
                                                         GError             **error);
GPtrArray          *kontor_store_list_blobs_to_download (KontorStore         *self,
                                                         GError             **error);
char               *kontor_store_dup_attachment_name    (KontorStore         *self,
                                                         const char          *sha256);

typedef struct _KontorBlobDownload KontorBlobDownload;

KontorBlobDownload *kontor_store_begin_blob_download    (KontorStore         *self,
                                                         const char          *sha256,
                                                         gint64               size,
                                                         GError             **error);
gboolean            kontor_blob_download_write          (KontorBlobDownload  *self,
                                                         const void          *data,
                                                         gsize                length,
                                                         GError             **error);
gboolean            kontor_blob_download_finish         (KontorBlobDownload  *self,
                                                         GError             **error);
void                kontor_blob_download_free           (KontorBlobDownload  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorBlobRef, kontor_blob_ref_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KontorBlobDownload, kontor_blob_download_free)

G_END_DECLS
