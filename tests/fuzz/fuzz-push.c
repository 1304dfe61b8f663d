/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-push"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kontor-sync-push.h"

/* libFuzzer target for the reader of a push body
 * (kontor_sync_push_request_parse()), the server's door for whatever a
 * client, or anyone, sends. An input is refused with an error and a
 * message, or read into 1 to 500 mutations with client_seq counting up,
 * each naming a known entity and a non-empty id, and fields known to it
 * for create and update; anything else is a bug and aborts, and so does a
 * critical warning.
 *
 * Run by hand: see src/README.md, "Fuzzing". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_NORETURN void
fail (const char *what)
{
  fprintf (stderr, "fuzz-push: %s\n", what);
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorSyncPushRequest) request =
    kontor_sync_push_request_parse ((const char *) data, size, &error);
  GArray *mutations;

  if (request == NULL)
    {
      if (error == NULL || error->message == NULL || *error->message == '\0')
        fail ("refused without a message");
      return 0;
    }
  if (error != NULL)
    fail ("read, with an error");

  if (kontor_sync_push_request_get_client_id (request) == NULL)
    fail ("no client id");
  mutations = kontor_sync_push_request_get_mutations (request);
  if (mutations->len == 0 || mutations->len > KONTOR_SYNC_MAX_MUTATIONS)
    fail ("a number of mutations out of bounds");

  for (guint i = 0; i < mutations->len; i++)
    {
      const KontorSyncMutation *mutation = &g_array_index (mutations, KontorSyncMutation, i);

      if (i > 0 && mutation->client_seq <= g_array_index (mutations, KontorSyncMutation,
                                                          i - 1).client_seq)
        fail ("client_seq not counting up");
      if (mutation->client_seq <= 0)
        fail ("a mutation without its client_seq");
      if (mutation->op == KONTOR_SYNC_OP_RESOLVE)
        {
          if (mutation->conflict == NULL || !g_uuid_string_is_valid (mutation->conflict) ||
              mutation->choice > KONTOR_SYNC_CHOICE_VALUE ||
              (mutation->choice == KONTOR_SYNC_CHOICE_VALUE) != (mutation->value != NULL))
            fail ("a resolution without its conflict or choice");
          continue;
        }
      if (mutation->entity == NULL || mutation->id == NULL || *mutation->id == '\0')
        fail ("a mutation without its entity or id");

      if (mutation->op == KONTOR_SYNC_OP_CREATE || mutation->op == KONTOR_SYNC_OP_UPDATE)
        {
          g_autoptr(GList) names = NULL;

          if (mutation->fields == NULL || json_object_get_size (mutation->fields) == 0)
            fail ("a create or update without fields");
          names = json_object_get_members (mutation->fields);
          for (GList *l = names; l != NULL; l = l->next)
            {
              if (!kontor_sync_entity_has_field (mutation->entity, l->data))
                fail ("a field the entity has not");
            }
        }
      else if (mutation->base_rev < 0)
        fail ("a delete or restore without its base revision");
    }

  return 0;
}
