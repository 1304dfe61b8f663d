/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-pull"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kontor-record-json.h"
#include "kontor-store-sync.h"

/* libFuzzer target for what the team server sends the sync engine: a page
 * of a pull ({"changes": [...]}) and the answer of a push
 * ({"results": [...]}), applied to a store (kontor-store-sync.c) the way
 * the engine applies them. Whatever comes, the store either writes it or
 * refuses it with a message, and stays usable: a crash, a sanitizer
 * report, a leak or a critical warning is a bug.
 *
 * Run by hand: see src/README.md, "Fuzzing". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static KontorStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("kontor-fuzz-pull-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kontor.db", NULL);
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  store = kontor_store_open (path, &error);
  if (store == NULL)
    {
      fprintf (stderr, "fuzz-pull: %s\n", error->message);
      abort ();
    }

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* what the engine hands on: one JSON object in UTF-8 */
  g_autoptr(JsonObject) object = kontor_json_parse_object ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  JsonNode *member;

  if (object == NULL)
    return 0;

  member = json_object_get_member (object, "changes");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member) &&
      !kontor_store_sync_apply_changes (store, json_node_get_array (member),
                                        json_object_get_int_member_with_default (object, "cursor",
                                                                                 0),
                                        &error) &&
      (error == NULL || error->message == NULL))
    abort ();
  g_clear_error (&error);

  member = json_object_get_member (object, "results");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member) &&
      !kontor_store_sync_apply_results (store, json_node_get_array (member), &error) &&
      (error == NULL || error->message == NULL))
    abort ();

  return 0;
}
