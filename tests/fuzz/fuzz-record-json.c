/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-fuzz-record-json"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-lead-entry.h"
#include "kontor-lead-project.h"
#include "kontor-lead-status.h"
#include "kontor-pipeline-status.h"
#include "kontor-record-json.h"
#include "kontor-record-rules.h"

/* libFuzzer target for the record JSON decoder, the first reader of what a
 * sync server sends. Each input is decoded into a fresh contact, company,
 * pipeline status, lead project, lead status and lead entry. When it decodes, the record goes through the rules
 * (which must refuse garbage with an error, never crash), is encoded again,
 * and that text must decode into a new record that encodes to the same
 * text and gets the same verdict from the rules; anything else is a bug
 * and aborts. A critical warning (a failed g_return_if_fail) aborts too.
 *
 * Run by hand: see src/README.md, "Fuzzing". */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static G_NORETURN void
fail (GType       type,
      const char *what,
      const char *first,
      const char *second)
{
  fprintf (stderr, "fuzz-record-json: %s: %s\n  first:  %s\n  second: %s\n",
           g_type_name (type), what, first, second != NULL ? second : "(none)");
  abort ();
}

static void
check_round_trip (GType       type,
                  const char *json)
{
  g_autoptr(KontorRecord) record = g_object_new (type, NULL);
  g_autoptr(KontorRecord) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *encoded_again = NULL;
  gboolean valid;

  if (!kontor_record_update_from_json_string (record, json, &error))
    {
      /* refused with a message, as the API promises */
      if (error == NULL || error->domain != KONTOR_RECORD_JSON_ERROR || error->message == NULL)
        fail (type, "decoding failed without a KontorRecordJsonError", json, NULL);
      return;
    }

  valid = kontor_record_validate (record, NULL, &error);
  if (valid != (error == NULL) || (error != NULL && error->message == NULL))
    fail (type, "kontor_record_validate() and its error disagree", json, NULL);

  encoded = kontor_record_to_json_string (record);
  if (encoded == NULL || !g_utf8_validate (encoded, -1, NULL))
    fail (type, "the encoder wrote no text or no UTF-8", json, encoded);

  again = g_object_new (type, NULL);
  if (!kontor_record_update_from_json_string (again, encoded, &again_error))
    fail (type, "the encoder's text does not decode", encoded, again_error->message);

  encoded_again = kontor_record_to_json_string (again);
  if (g_strcmp0 (encoded, encoded_again) != 0)
    fail (type, "the round trip changed the record", encoded, encoded_again);

  g_clear_error (&again_error);
  if (kontor_record_validate (again, NULL, &again_error) != valid)
    fail (type, "the round trip changed the rules' verdict", encoded,
          again_error != NULL ? again_error->message : error->message);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a failed precondition inside the model is a bug, not a message */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* the decoder takes a C string: the input up to its first NUL */
  g_autofree char *json = g_strndup ((const char *) data, size);

  check_round_trip (KONTOR_TYPE_CONTACT, json);
  check_round_trip (KONTOR_TYPE_COMPANY, json);
  check_round_trip (KONTOR_TYPE_PIPELINE_STATUS, json);
  check_round_trip (KONTOR_TYPE_LEAD_PROJECT, json);
  check_round_trip (KONTOR_TYPE_LEAD_STATUS, json);
  check_round_trip (KONTOR_TYPE_LEAD_ENTRY, json);

  return 0;
}
