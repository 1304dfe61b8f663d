/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-activity"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kontor-activity.h"
#include "kontor-company.h"
#include "kontor-contact.h"
#include "kontor-enum-types.h"
#include "kontor-error.h"
#include "kontor-lead-entry.h"
#include "kontor-record-json.h"
#include "kontor-record-private.h"
#include "kontor-uuid.h"

/**
 * KontorActivity:
 *
 * A task, e-mail, lunch, meeting, call, video call or note recorded on a
 * contact or a company (features A1–A3, A7, src/README.md "Activities").
 * A record kind of its own: it syncs, has a history and a tombstone like
 * every other.
 *
 * An activity counts for its contact's or company's last activity (feature
 * A8) once it is done: a task when it is ticked off, at that time; every
 * other kind at its time (a meeting planned for next week is not done
 * yet). That time is `happened-at`, which the record keeps itself and the
 * store copies into its row to find the last one.
 */
struct _KontorActivity
{
  KontorRecord parent_instance;
};

#define S KONTOR_FIELD_STORED
#define P KONTOR_FIELD_PERSONAL
#define Q KONTOR_FIELD_SEARCH

static const KontorField activity_fields[KONTOR_ACTIVITY_N_FIELDS] = {
  [KONTOR_ACTIVITY_FIELD_KIND] = { "kind", "kind", KONTOR_FIELD_TYPE_ENUM, S, N_("Type"),
                                   kontor_activity_kind_get_type },
  [KONTOR_ACTIVITY_FIELD_TOPIC] = { "topic", "topic", KONTOR_FIELD_TYPE_ENUM, S, N_("Topic"),
                                    kontor_activity_topic_get_type },
  [KONTOR_ACTIVITY_FIELD_CONTACT_ID] = { "contact-id", "contact_id", KONTOR_FIELD_TYPE_REF, S,
                                         N_("Contact") },
  [KONTOR_ACTIVITY_FIELD_COMPANY_ID] = { "company-id", "company_id", KONTOR_FIELD_TYPE_REF, S,
                                         N_("Company") },
  [KONTOR_ACTIVITY_FIELD_SUBJECT] = { "subject", "subject", KONTOR_FIELD_TYPE_STRING, S | P | Q,
                                      N_("Subject") },
  [KONTOR_ACTIVITY_FIELD_NOTES] = { "notes", "notes", KONTOR_FIELD_TYPE_STRING, S | P | Q,
                                    N_("Notes") },
  [KONTOR_ACTIVITY_FIELD_STARTS_AT] = { "starts-at", "starts_at", KONTOR_FIELD_TYPE_INT64, S,
                                        N_("Date") },
  [KONTOR_ACTIVITY_FIELD_ENDS_AT] = { "ends-at", "ends_at", KONTOR_FIELD_TYPE_INT64, S,
                                      N_("End") },
  [KONTOR_ACTIVITY_FIELD_LOCATION] = { "location", "location", KONTOR_FIELD_TYPE_STRING, S | P,
                                       N_("Place") },
  [KONTOR_ACTIVITY_FIELD_DUE_ON] = { "due-on", "due_on", KONTOR_FIELD_TYPE_DATE, S,
                                     N_("Due date") },
  [KONTOR_ACTIVITY_FIELD_REMIND_AT] = { "remind-at", "remind_at", KONTOR_FIELD_TYPE_INT64, S,
                                        N_("Reminder") },
  [KONTOR_ACTIVITY_FIELD_DONE] = { "done", "done", KONTOR_FIELD_TYPE_BOOLEAN, S, N_("Done") },
  [KONTOR_ACTIVITY_FIELD_DONE_AT] = { "done-at", "done_at", KONTOR_FIELD_TYPE_INT64, S,
                                      N_("Done on") },
  [KONTOR_ACTIVITY_FIELD_AUTOMATIC] = { "automatic", "automatic", KONTOR_FIELD_TYPE_BOOLEAN, S,
                                        N_("Recorded automatically") },
  [KONTOR_ACTIVITY_FIELD_CREATED_BY] = { "created-by", "created_by", KONTOR_FIELD_TYPE_REF, S,
                                         N_("Recorded by") },
  /* JSON arrays (schema 20): participants are ids of contacts and of
   * users; files are objects {"sha256": hex, "name": text, "size": bytes,
   * "type": content type}; links are URIs. NULL is none. */
  [KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS] = { "participant-contacts", "participant_contacts",
                                                   KONTOR_FIELD_TYPE_STRING, S,
                                                   N_("Participants") },
  [KONTOR_ACTIVITY_FIELD_PARTICIPANT_USERS] = { "participant-users", "participant_users",
                                                KONTOR_FIELD_TYPE_STRING, S,
                                                N_("Colleagues taking part") },
  [KONTOR_ACTIVITY_FIELD_ATTACHMENTS] = { "attachments", "attachments", KONTOR_FIELD_TYPE_STRING,
                                          S | P, N_("Files") },
  [KONTOR_ACTIVITY_FIELD_LINKS] = { "links", "links", KONTOR_FIELD_TYPE_STRING, S | P,
                                    N_("Links") },
  /* kept by the record from the fields above (see the top), never synced */
  [KONTOR_ACTIVITY_FIELD_HAPPENED_AT] = { "happened-at", "happened_at", KONTOR_FIELD_TYPE_INT64,
                                          KONTOR_FIELD_LOCAL, N_("Last activity") },
  /* the lead project entry it was recorded on (schema 24), on that
   * entry's contact: a follow-up ("Wiedervorlage") is a task there */
  [KONTOR_ACTIVITY_FIELD_LEAD_ENTRY_ID] = { "lead-entry-id", "lead_entry_id",
                                            KONTOR_FIELD_TYPE_REF, S, N_("Lead") },
};

#undef S
#undef P
#undef Q

G_DEFINE_FINAL_TYPE (KontorActivity, kontor_activity, KONTOR_TYPE_RECORD)

static const KontorActivityTopic customer_topics[] = {
  KONTOR_ACTIVITY_TOPIC_ACQUISITION,
  KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE,
  KONTOR_ACTIVITY_TOPIC_NEGOTIATION,
  KONTOR_ACTIVITY_TOPIC_OTHER,
};

static const KontorActivityTopic lead_project_topics[] = {
  KONTOR_ACTIVITY_TOPIC_QUALIFICATION,
  KONTOR_ACTIVITY_TOPIC_OFFER,
  KONTOR_ACTIVITY_TOPIC_NEGOTIATION,
  KONTOR_ACTIVITY_TOPIC_COMMITMENT,
  KONTOR_ACTIVITY_TOPIC_REJECTION,
  KONTOR_ACTIVITY_TOPIC_OTHER,
};

/**
 * kontor_activity_topics_for_place:
 * @place: where an activity is recorded
 * @n_topics: (out): the number of topics
 *
 * The topics an activity recorded at @place may have (feature A3), in the
 * order a list shows them.
 *
 * Returns: (array length=n_topics) (transfer none): the topics
 */
const KontorActivityTopic *
kontor_activity_topics_for_place (KontorActivityPlace  place,
                                  guint               *n_topics)
{
  g_return_val_if_fail (n_topics != NULL, NULL);

  if (place == KONTOR_ACTIVITY_PLACE_LEAD_PROJECT)
    {
      *n_topics = G_N_ELEMENTS (lead_project_topics);
      return lead_project_topics;
    }

  *n_topics = G_N_ELEMENTS (customer_topics);
  return customer_topics;
}

/**
 * kontor_activity_check_topic:
 * @place: where an activity is recorded
 * @topic: its topic
 * @error: return location for a #GError
 *
 * The rule of feature A3: a topic of @place's list.
 *
 * Returns: %TRUE when @topic may be chosen at @place
 */
gboolean
kontor_activity_check_topic (KontorActivityPlace   place,
                             KontorActivityTopic   topic,
                             GError              **error)
{
  const KontorActivityTopic *topics;
  guint n_topics;

  topics = kontor_activity_topics_for_place (place, &n_topics);
  for (guint i = 0; i < n_topics; i++)
    {
      if (topics[i] == topic)
        return TRUE;
    }

  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               /* Translators: %s is a topic, e.g. "Offer" */
               _("The topic “%s” cannot be chosen here; choose one of the list."),
               kontor_activity_topic_to_string (topic));
  return FALSE;
}

/**
 * kontor_activity_kind_has_location:
 * @kind: a kind of activity
 *
 * Returns: whether an activity of @kind has a place (a lunch, a meeting)
 */
gboolean
kontor_activity_kind_has_location (KontorActivityKind kind)
{
  return kind == KONTOR_ACTIVITY_KIND_LUNCH || kind == KONTOR_ACTIVITY_KIND_MEETING;
}

static gint64
compute_happened_at (KontorActivity *self)
{
  if (!kontor_activity_get_done (self))
    return 0;

  if (kontor_activity_get_kind (self) == KONTOR_ACTIVITY_KIND_TASK)
    return kontor_activity_get_done_at (self);

  return kontor_activity_get_starts_at (self);
}

static void
kontor_activity_field_changed (KontorRecord *record,
                               guint         index)
{
  KontorActivity *self = KONTOR_ACTIVITY (record);
  gint64 happened;

  if (index != KONTOR_ACTIVITY_FIELD_KIND && index != KONTOR_ACTIVITY_FIELD_DONE &&
      index != KONTOR_ACTIVITY_FIELD_DONE_AT && index != KONTOR_ACTIVITY_FIELD_STARTS_AT)
    return;

  happened = compute_happened_at (self);
  if (happened != kontor_activity_get_happened_at (self))
    kontor_record_set_int64 (record, KONTOR_ACTIVITY_FIELD_HAPPENED_AT, happened);
}

static char *
kontor_activity_dup_display_name (KontorRecord *record)
{
  KontorActivity *self = KONTOR_ACTIVITY (record);
  const char *subject = kontor_activity_get_subject (self);

  if (subject != NULL)
    return g_strdup (subject);

  return g_strdup (kontor_activity_kind_to_string (kontor_activity_get_kind (self)));
}

/**
 * kontor_activity_get_place:
 * @self: an activity
 *
 * Returns: where @self is recorded, for its topics
 */
KontorActivityPlace
kontor_activity_get_place (KontorActivity *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), KONTOR_ACTIVITY_PLACE_CUSTOMER);

  return kontor_activity_get_lead_entry_id (self) != NULL ? KONTOR_ACTIVITY_PLACE_LEAD_PROJECT
                                                           : KONTOR_ACTIVITY_PLACE_CUSTOMER;
}


/* Participants, files and links (features A4, A5): each a JSON array in a
 * text field of the activity (schema 20). The rules below are the only
 * reading of that shape; the form, the store and the sync engine go
 * through them. */

G_DEFINE_BOXED_TYPE (KontorAttachment, kontor_attachment, kontor_attachment_copy,
                     kontor_attachment_free)

static gboolean
is_hash_digit (char c)
{
  return g_ascii_isdigit (c) || (c >= 'a' && c <= 'f');
}

/**
 * kontor_attachment_hash_is_valid:
 * @sha256: (nullable): a text
 *
 * The one rule of a file's name where it is kept (kontor-store-blobs.c's
 * kontor_blob_hash_is_valid() asks it too).
 *
 * Returns: whether @sha256 is a SHA-256 in 64 lower-case hex digits
 */
gboolean
kontor_attachment_hash_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (const char *c = sha256; *c != '\0'; c++)
    {
      if (!is_hash_digit (*c))
        return FALSE;
    }
  return TRUE;
}

/**
 * kontor_attachments_find_hashes:
 * @text: (nullable): any text, e.g. an attachments value the model cannot
 *   read
 *
 * The generous reading of which files a text names: every run of exactly
 * 64 lower-case hex digits. For where naming too many is safe and too few
 * is not: the server's check of who may name a file, and which kept files
 * the collection leaves (kontor-store-blobs.c).
 *
 * Returns: (transfer full): the runs, in order, possibly repeated
 */
char **
kontor_attachments_find_hashes (const char *text)
{
  GPtrArray *found = g_ptr_array_new ();
  const char *run = NULL;

  for (const char *c = text; text != NULL; c++)
    {
      gboolean hex = is_hash_digit (*c);

      if (hex && run == NULL)
        run = c;
      else if (!hex && run != NULL)
        {
          if (c - run == 64)
            g_ptr_array_add (found, g_strndup (run, 64));
          run = NULL;
        }
      if (*c == '\0')
        break;
    }
  g_ptr_array_add (found, NULL);

  return (char **) g_ptr_array_free (found, FALSE);
}

/**
 * kontor_attachment_check_size:
 * @name: the file's name, for the message
 * @size: its size in bytes
 * @error: return location for a #GError
 *
 * The one rule on an attached file's size: at most
 * %KONTOR_ATTACHMENT_MAX_SIZE, whatever the user agrees to (above
 * %KONTOR_ATTACHMENT_LARGE_SIZE the UI asks first).
 *
 * Returns: whether a file of @size may be attached
 */
gboolean
kontor_attachment_check_size (const char  *name,
                              gint64       size,
                              GError     **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *limit = NULL;

  if (size <= KONTOR_ATTACHMENT_MAX_SIZE)
    return TRUE;

  shown = g_format_size (size);
  limit = g_format_size (KONTOR_ATTACHMENT_MAX_SIZE);
  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               /* Translators: %s is a file name, then its size ("60 MB"), then the
                * largest size a file may have ("52 MB") */
               _("The file “%s” is %s; a file larger than %s cannot be attached."),
               name, shown, limit);
  return FALSE;
}

/**
 * kontor_attachment_new:
 * @sha256: the file's SHA-256 in lower-case hex
 * @name: its name
 * @size: its size in bytes
 * @content_type: (nullable): its content type
 *
 * Returns: (transfer full): a new attachment
 */
KontorAttachment *
kontor_attachment_new (const char *sha256,
                       const char *name,
                       gint64      size,
                       const char *content_type)
{
  KontorAttachment *self = g_new0 (KontorAttachment, 1);

  self->sha256 = g_strdup (sha256);
  self->name = g_strdup (name);
  self->size = size;
  self->content_type = g_strdup (content_type);

  return self;
}

/**
 * kontor_attachment_copy:
 * @self: an attachment
 *
 * Returns: (transfer full): a copy of @self
 */
KontorAttachment *
kontor_attachment_copy (const KontorAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kontor_attachment_new (self->sha256, self->name, self->size, self->content_type);
}

/**
 * kontor_attachment_free:
 * @self: (nullable): an attachment
 */
void
kontor_attachment_free (KontorAttachment *self)
{
  if (self == NULL)
    return;

  g_free (self->sha256);
  g_free (self->name);
  g_free (self->content_type);
  g_free (self);
}

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE, message);
}

/* @json as a JSON array, or NULL and @error */
static JsonArray *
parse_array (const char  *json,
             const char  *message,
             GError     **error)
{
  g_autoptr(JsonNode) root = kontor_json_parse (json);

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      set_invalid (error, message);
      return NULL;
    }

  return json_array_ref (json_node_get_array (root));
}

/* a JSON array of texts as a GStrv; NULL (none) for NULL */
static char **
parse_strv (const char  *json,
            const char  *message,
            GError     **error)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (json == NULL)
    return g_new0 (char *, 1);

  array = parse_array (json, message, error);
  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          set_invalid (error, message);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

/* @strv as a JSON array; NULL for none */
static char *
serialize_strv (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (strv == NULL || strv[0] == NULL)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return kontor_json_to_string (root);
}

/**
 * kontor_attachments_parse:
 * @json: (nullable): an activity's `attachments`
 * @error: return location for a #GError
 *
 * Reads the list's shape: an array of objects, each with a valid
 * "sha256", a "name" and a "size" of at least 0, and a "type" text or
 * none. The rules over the list (how many, no file twice) are the
 * activity's validate.
 *
 * Returns: (transfer full) (element-type KontorAttachment): the files,
 *   empty for %NULL, or %NULL and @error
 */
GPtrArray *
kontor_attachments_parse (const char  *json,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_attachment_free);
  g_autoptr(JsonArray) array = NULL;
  const char *message = _("The files of the activity are not a list of files.");

  if (json == NULL)
    return g_steal_pointer (&list);

  array = parse_array (json, message, error);
  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *member;
      const char *sha256, *name, *type = NULL;
      gint64 size;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_invalid (error, message);
          return NULL;
        }
      object = json_node_get_object (node);

      sha256 = kontor_json_get_string (object, "sha256");
      if (!kontor_attachment_hash_is_valid (sha256))
        {
          set_invalid (error, _("A file of the activity has no valid SHA-256."));
          return NULL;
        }

      name = kontor_json_get_string (object, "name");
      if (name == NULL || *name == '\0' || strchr (name, '/') != NULL ||
          !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > 255)
        {
          set_invalid (error, _("A file of the activity has no valid name."));
          return NULL;
        }

      size = kontor_json_get_int (object, "size", -1);
      if (size < 0)
        {
          g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                       /* Translators: %s is a file name */
                       _("The file “%s” has no valid size."), name);
          return NULL;
        }

      member = json_object_get_member (object, "type");
      if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
        {
          if (!JSON_NODE_HOLDS_VALUE (member) ||
              json_node_get_value_type (member) != G_TYPE_STRING ||
              strlen (json_node_get_string (member)) > 255)
            {
              g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           /* Translators: %s is a file name */
                           _("The file “%s” has no valid content type."), name);
              return NULL;
            }
          type = json_node_get_string (member);
        }

      g_ptr_array_add (list, kontor_attachment_new (sha256, name, size, type));
    }

  return g_steal_pointer (&list);
}

/**
 * kontor_attachments_serialize:
 * @attachments: (nullable) (element-type KontorAttachment): files
 *
 * Returns: (transfer full) (nullable): @attachments as an activity's
 *   `attachments`, %NULL when there are none
 */
char *
kontor_attachments_serialize (GPtrArray *attachments)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (attachments == NULL || attachments->len == 0)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < attachments->len; i++)
    {
      const KontorAttachment *attachment = g_ptr_array_index (attachments, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, attachment->sha256);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, attachment->name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, attachment->size);
      json_builder_set_member_name (builder, "type");
      if (attachment->content_type != NULL)
        json_builder_add_string_value (builder, attachment->content_type);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return kontor_json_to_string (root);
}

/**
 * kontor_activity_check_link:
 * @uri: a link as typed
 * @error: return location for a #GError
 *
 * A link of an activity is an absolute http, https or mailto URI: what
 * "Open" can hand to a browser or a mail app.
 *
 * Returns: %TRUE when @uri may be a link of an activity
 */
gboolean
kontor_activity_check_link (const char  *uri,
                            GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  if (uri == NULL || *uri == '\0')
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Type the address of the link."));
      return FALSE;
    }

  if (!g_utf8_validate (uri, -1, NULL) || g_utf8_strlen (uri, -1) > 2000)
    {
      set_invalid (error, _("A link has at most 2000 characters."));
      return FALSE;
    }

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   /* Translators: %s is what was typed as a link */
                   _("“%s” is not a complete address: write it with https://, http:// or mailto:."),
                   uri);
      return FALSE;
    }

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0 &&
      g_ascii_strcasecmp (scheme, "mailto") != 0)
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   /* Translators: %s is the scheme of a link, e.g. "ftp" */
                   _("A link starts with https://, http:// or mailto:, not “%s:”."), scheme);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "mailto") == 0
      ? *g_uri_get_path (parsed) == '\0'
      : g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                   /* Translators: %s is what was typed as a link */
                   _("The link “%s” names no web server or address."), uri);
      return FALSE;
    }

  return TRUE;
}

static gboolean
strv_has_duplicate (char **strv)
{
  for (guint i = 0; strv[i] != NULL; i++)
    {
      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (strv[i], strv[j]))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
check_attachment_count (guint    n,
                        GError **error)
{
  if (n <= KONTOR_ACTIVITY_MAX_ATTACHMENTS)
    return TRUE;

  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               g_dngettext (GETTEXT_PACKAGE, "An activity holds at most %u file.",
                            "An activity holds at most %u files.",
                            KONTOR_ACTIVITY_MAX_ATTACHMENTS),
               (guint) KONTOR_ACTIVITY_MAX_ATTACHMENTS);
  return FALSE;
}

static gboolean
check_link_count (guint    n,
                  GError **error)
{
  if (n <= KONTOR_ACTIVITY_MAX_LINKS)
    return TRUE;

  g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
               g_dngettext (GETTEXT_PACKAGE, "An activity holds at most %u link.",
                            "An activity holds at most %u links.", KONTOR_ACTIVITY_MAX_LINKS),
               (guint) KONTOR_ACTIVITY_MAX_LINKS);
  return FALSE;
}

static gboolean
check_participants (KontorActivity  *self,
                    GError         **error)
{
  g_auto(GStrv) contacts = NULL;
  g_auto(GStrv) users = NULL;
  const char *own = kontor_activity_get_contact_id (self);

  contacts = parse_strv (kontor_activity_get_participant_contacts (self),
                         _("The participants of the activity are not a list of contacts."),
                         error);
  if (contacts == NULL)
    return FALSE;
  users = parse_strv (kontor_activity_get_participant_users (self),
                      _("The colleagues taking part are not a list of users."), error);
  if (users == NULL)
    return FALSE;

  for (guint i = 0; contacts[i] != NULL; i++)
    {
      if (!kontor_uuid_is_valid (contacts[i]))
        {
          set_invalid (error, _("A participant of the activity is not a valid contact."));
          return FALSE;
        }
      if (g_strcmp0 (contacts[i], own) == 0)
        {
          set_invalid (error, _("The contact the activity is recorded on takes part anyway; "
                                "it is not a participant of its own."));
          return FALSE;
        }
    }
  for (guint i = 0; users[i] != NULL; i++)
    {
      if (!kontor_uuid_is_valid (users[i]))
        {
          set_invalid (error, _("A colleague taking part is not a valid user."));
          return FALSE;
        }
    }

  if (strv_has_duplicate (contacts) || strv_has_duplicate (users))
    {
      set_invalid (error, _("A participant is named twice."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_attachments (KontorActivity  *self,
                   GError         **error)
{
  g_autoptr(GPtrArray) list = kontor_attachments_parse (kontor_activity_get_attachments (self),
                                                        error);

  if (list == NULL || !check_attachment_count (list->len, error))
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      const KontorAttachment *a = g_ptr_array_index (list, i);

      for (guint j = 0; j < i; j++)
        {
          const KontorAttachment *b = g_ptr_array_index (list, j);

          if (g_str_equal (a->sha256, b->sha256))
            {
              g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           /* Translators: %s is a file name */
                           _("The file “%s” is already attached."), a->name);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
check_links (KontorActivity  *self,
             GError         **error)
{
  g_auto(GStrv) links = parse_strv (kontor_activity_get_links (self),
                                    _("The links of the activity are not a list of addresses."),
                                    error);

  if (links == NULL || !check_link_count (g_strv_length (links), error))
    return FALSE;

  for (guint i = 0; links[i] != NULL; i++)
    {
      if (!kontor_activity_check_link (links[i], error))
        return FALSE;
    }

  if (strv_has_duplicate (links))
    {
      set_invalid (error, _("A link is there twice."));
      return FALSE;
    }

  return TRUE;
}

/* The rules of an activity (features A1, A3–A5, A7); the field rules (texts,
 * dates, enums) ran before */
static gboolean
kontor_activity_validate (KontorRecord  *record,
                          KontorRecord  *old,
                          GError       **error)
{
  KontorActivity *self = KONTOR_ACTIVITY (record);
  KontorActivityKind kind = kontor_activity_get_kind (self);
  gboolean on_contact = kontor_activity_get_contact_id (self) != NULL;
  gboolean on_company = kontor_activity_get_company_id (self) != NULL;
  gint64 starts = kontor_activity_get_starts_at (self);
  gint64 ends = kontor_activity_get_ends_at (self);

  if (old != NULL && !kontor_activity_check_edit (KONTOR_ACTIVITY (old), error))
    return FALSE;

  if (on_contact == on_company)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("An activity is recorded on one contact or one company."));
      return FALSE;
    }

  if (kontor_activity_get_lead_entry_id (self) != NULL && !on_contact)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("An activity of a lead is recorded on the lead’s contact."));
      return FALSE;
    }

  if (!kontor_activity_check_topic (kontor_activity_get_place (self),
                                    kontor_activity_get_topic (self), error))
    return FALSE;

  if (kind != KONTOR_ACTIVITY_KIND_TASK && starts <= 0)
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_REQUIRED,
                           _("Give the date and time of the activity."));
      return FALSE;
    }

  if (ends != 0 && (kind != KONTOR_ACTIVITY_KIND_MEETING || ends < starts))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                           kind == KONTOR_ACTIVITY_KIND_MEETING
                           ? _("A meeting cannot end before it begins.")
                           : _("Only a meeting has an end."));
      return FALSE;
    }

  if (kontor_activity_get_location (self) != NULL && !kontor_activity_kind_has_location (kind))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("Only a lunch or a meeting has a place."));
      return FALSE;
    }

  if (kind != KONTOR_ACTIVITY_KIND_TASK &&
      (kontor_activity_get_due_on (self) != NULL || kontor_activity_get_remind_at (self) != 0))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                           _("Only a task has a due date and a reminder."));
      return FALSE;
    }

  if (kind == KONTOR_ACTIVITY_KIND_TASK &&
      kontor_activity_get_done (self) != (kontor_activity_get_done_at (self) > 0))
    {
      g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_DATE,
                           _("A task that is done needs the time it was done."));
      return FALSE;
    }

  return check_participants (self, error) && check_attachments (self, error) &&
         check_links (self, error);
}

static void
kontor_activity_class_init (KontorActivityClass *klass)
{
  KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);

  kontor_record_class_install_fields (record_class, "activity",
                                      activity_fields, G_N_ELEMENTS (activity_fields));
  record_class->field_changed = kontor_activity_field_changed;
  record_class->dup_display_name = kontor_activity_dup_display_name;
  record_class->validate = kontor_activity_validate;
}

static void
kontor_activity_init (KontorActivity *self)
{
}

/**
 * kontor_activity_new:
 * @kind: what it is
 * @owner: (nullable): the contact or company it is recorded on
 *
 * A new activity, not yet stored. A task starts open; every other kind is
 * done (it happened) until the form says otherwise. The topic starts as
 * "Other"; the form asks for it.
 *
 * Returns: (transfer full): a new activity
 */
KontorActivity *
kontor_activity_new (KontorActivityKind  kind,
                     KontorRecord       *owner)
{
  KontorActivity *self = g_object_new (KONTOR_TYPE_ACTIVITY, NULL);

  g_return_val_if_fail (owner == NULL || KONTOR_IS_CONTACT (owner) || KONTOR_IS_COMPANY (owner),
                        self);

  kontor_activity_set_kind (self, kind);
  kontor_activity_set_topic (self, KONTOR_ACTIVITY_TOPIC_OTHER);
  kontor_activity_set_done (self, kind != KONTOR_ACTIVITY_KIND_TASK);
  if (owner != NULL && KONTOR_IS_CONTACT (owner))
    kontor_activity_set_contact_id (self, kontor_record_get_id (owner));
  else if (owner != NULL)
    kontor_activity_set_company_id (self, kontor_record_get_id (owner));

  return self;
}

/**
 * kontor_activity_new_follow_up:
 * @entry: a stored lead project entry
 * @due_on: (nullable): the day to follow the lead up, "YYYY-MM-DD"
 * @note: (nullable): what to do
 *
 * A follow-up ("Wiedervorlage", feature D4): a task on the entry's
 * contact, recorded on the entry, with a due date and a note, so that the
 * Today page, the reminders and the contact's timeline have it as every
 * task (src/README.md "Lead projects"). Its topics are a lead project's.
 *
 * Returns: (transfer full): a new, not yet stored task
 */
KontorActivity *
kontor_activity_new_follow_up (KontorLeadEntry *entry,
                               const char      *due_on,
                               const char      *note)
{
  KontorActivity *self = kontor_activity_new (KONTOR_ACTIVITY_KIND_TASK, NULL);

  g_return_val_if_fail (KONTOR_IS_LEAD_ENTRY (entry), self);

  kontor_activity_set_contact_id (self, kontor_lead_entry_get_contact_id (entry));
  kontor_activity_set_lead_entry_id (self, kontor_record_get_id (KONTOR_RECORD (entry)));
  kontor_activity_set_due_on (self, due_on);
  kontor_activity_set_subject (self, note);

  return self;
}

/**
 * kontor_activity_complete:
 * @self: an activity
 * @done: whether it is done
 * @now: the time, Unix seconds
 *
 * Ticks a task off at @now, or opens it again; for the other kinds sets
 * whether it took place.
 */
void
kontor_activity_complete (KontorActivity *self,
                          gboolean        done,
                          gint64          now)
{
  g_return_if_fail (KONTOR_IS_ACTIVITY (self));

  if (kontor_activity_get_kind (self) == KONTOR_ACTIVITY_KIND_TASK)
    kontor_activity_set_done_at (self, done ? now : 0);
  kontor_activity_set_done (self, done);
}

/**
 * kontor_activity_check_edit:
 * @stored: an activity as stored
 * @error: return location for a #GError
 *
 * An activity recorded automatically (a dropped e-mail, a birthday, a mail
 * written from Kontor) is what happened and cannot be edited (feature A7).
 *
 * Returns: %TRUE when @stored may be edited
 */
gboolean
kontor_activity_check_edit (KontorActivity  *stored,
                            GError         **error)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (stored), FALSE);

  if (!kontor_activity_get_automatic (stored))
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                       _("This activity was recorded automatically and cannot be edited."));
  return FALSE;
}

/**
 * kontor_activity_check_delete:
 * @stored: an activity as stored
 * @user_id: (nullable): the user who deletes it
 * @error: return location for a #GError
 *
 * An automatic activity is deleted only by the user who caused it
 * (feature A7); any other by whoever may write.
 *
 * Returns: %TRUE when @user_id may delete @stored
 */
gboolean
kontor_activity_check_delete (KontorActivity  *stored,
                              const char      *user_id,
                              GError         **error)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (stored), FALSE);

  if (!kontor_activity_get_automatic (stored) ||
      g_strcmp0 (kontor_activity_get_created_by (stored), user_id) == 0)
    return TRUE;

  g_set_error_literal (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_RESTRICTED,
                       _("Only the user who caused an automatic activity may delete it."));
  return FALSE;
}

/**
 * kontor_activity_kind_to_string:
 * @kind: a kind of activity
 *
 * Returns: (transfer none): its name in the UI language
 */
const char *
kontor_activity_kind_to_string (KontorActivityKind kind)
{
  switch (kind)
    {
    case KONTOR_ACTIVITY_KIND_TASK:
      return _("Task");
    case KONTOR_ACTIVITY_KIND_EMAIL:
      return _("E-mail");
    case KONTOR_ACTIVITY_KIND_LUNCH:
      return _("Lunch");
    case KONTOR_ACTIVITY_KIND_MEETING:
      return _("Meeting");
    case KONTOR_ACTIVITY_KIND_CALL:
      return _("Phone call");
    case KONTOR_ACTIVITY_KIND_VIDEO_CALL:
      return _("Video call");
    case KONTOR_ACTIVITY_KIND_NOTE:
    default:
      return _("Note");
    }
}

/**
 * kontor_activity_kind_icon_name:
 * @kind: a kind of activity
 *
 * Returns: (transfer none): the symbolic icon of @kind in the timeline
 */
const char *
kontor_activity_kind_icon_name (KontorActivityKind kind)
{
  switch (kind)
    {
    case KONTOR_ACTIVITY_KIND_TASK:
      return "task-due-symbolic";
    case KONTOR_ACTIVITY_KIND_EMAIL:
      return "mail-unread-symbolic";
    case KONTOR_ACTIVITY_KIND_LUNCH:
      return "emoji-food-symbolic";
    case KONTOR_ACTIVITY_KIND_MEETING:
      return "x-office-calendar-symbolic";
    case KONTOR_ACTIVITY_KIND_CALL:
      return "call-start-symbolic";
    case KONTOR_ACTIVITY_KIND_VIDEO_CALL:
      return "camera-web-symbolic";
    case KONTOR_ACTIVITY_KIND_NOTE:
    default:
      return "document-edit-symbolic";
    }
}

/**
 * kontor_activity_topic_to_string:
 * @topic: a topic
 *
 * Returns: (transfer none): its name in the UI language
 */
const char *
kontor_activity_topic_to_string (KontorActivityTopic topic)
{
  switch (topic)
    {
    case KONTOR_ACTIVITY_TOPIC_ACQUISITION:
      return _("Acquisition");
    case KONTOR_ACTIVITY_TOPIC_CUSTOMER_CARE:
      return _("Customer care");
    case KONTOR_ACTIVITY_TOPIC_NEGOTIATION:
      return _("Negotiation");
    case KONTOR_ACTIVITY_TOPIC_QUALIFICATION:
      return _("Qualification");
    case KONTOR_ACTIVITY_TOPIC_OFFER:
      return _("Offer");
    case KONTOR_ACTIVITY_TOPIC_COMMITMENT:
      return _("Commitment");
    case KONTOR_ACTIVITY_TOPIC_REJECTION:
      return _("Rejection");
    case KONTOR_ACTIVITY_TOPIC_OTHER:
    default:
      return _("Other");
    }
}

KONTOR_RECORD_ENUM_ACCESSORS (KontorActivity, kontor_activity, kind,
                              KONTOR_ACTIVITY_FIELD_KIND, KontorActivityKind)
KONTOR_RECORD_ENUM_ACCESSORS (KontorActivity, kontor_activity, topic,
                              KONTOR_ACTIVITY_FIELD_TOPIC, KontorActivityTopic)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, contact_id,
                                KONTOR_ACTIVITY_FIELD_CONTACT_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, company_id,
                                KONTOR_ACTIVITY_FIELD_COMPANY_ID)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, subject,
                                KONTOR_ACTIVITY_FIELD_SUBJECT)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, notes,
                                KONTOR_ACTIVITY_FIELD_NOTES)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, starts_at,
                               KONTOR_ACTIVITY_FIELD_STARTS_AT)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, ends_at,
                               KONTOR_ACTIVITY_FIELD_ENDS_AT)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, location,
                                KONTOR_ACTIVITY_FIELD_LOCATION)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, due_on,
                                KONTOR_ACTIVITY_FIELD_DUE_ON)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, remind_at,
                               KONTOR_ACTIVITY_FIELD_REMIND_AT)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorActivity, kontor_activity, done,
                                 KONTOR_ACTIVITY_FIELD_DONE)
KONTOR_RECORD_INT64_ACCESSORS (KontorActivity, kontor_activity, done_at,
                               KONTOR_ACTIVITY_FIELD_DONE_AT)
KONTOR_RECORD_BOOLEAN_ACCESSORS (KontorActivity, kontor_activity, automatic,
                                 KONTOR_ACTIVITY_FIELD_AUTOMATIC)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, participant_contacts,
                                KONTOR_ACTIVITY_FIELD_PARTICIPANT_CONTACTS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, participant_users,
                                KONTOR_ACTIVITY_FIELD_PARTICIPANT_USERS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, attachments,
                                KONTOR_ACTIVITY_FIELD_ATTACHMENTS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, links,
                                KONTOR_ACTIVITY_FIELD_LINKS)
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, created_by,
                                KONTOR_ACTIVITY_FIELD_CREATED_BY)

/**
 * kontor_activity_get_happened_at:
 * @self: an activity
 *
 * Returns: when @self happened, for the last activity of its contact or
 *   company (feature A8); 0 while it is not done
 */
gint64
kontor_activity_get_happened_at (KontorActivity *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), 0);

  return kontor_record_get_int64 (KONTOR_RECORD (self), KONTOR_ACTIVITY_FIELD_HAPPENED_AT);
}

/**
 * kontor_activity_dup_attachments:
 * @self: an activity
 *
 * Returns: (transfer full) (element-type KontorAttachment): its
 *   files; none when the field does not read as a list (validate refuses
 *   such a value, so only a broken database has it)
 */
GPtrArray *
kontor_activity_dup_attachments (KontorActivity *self)
{
  GPtrArray *list;

  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), NULL);

  list = kontor_attachments_parse (kontor_activity_get_attachments (self), NULL);

  return list != NULL ? list
                      : g_ptr_array_new_with_free_func ((GDestroyNotify) kontor_attachment_free);
}

/**
 * kontor_activity_set_attachment_list:
 * @self: an activity
 * @attachments: (nullable) (element-type KontorAttachment): its files
 */
void
kontor_activity_set_attachment_list (KontorActivity *self,
                                     GPtrArray      *attachments)
{
  g_autofree char *json = NULL;

  g_return_if_fail (KONTOR_IS_ACTIVITY (self));

  json = kontor_attachments_serialize (attachments);
  kontor_activity_set_attachments (self, json);
}

static char **
dup_strv_field (const char *json)
{
  char **strv = parse_strv (json, "", NULL);

  return strv != NULL ? strv : g_new0 (char *, 1);
}

/**
 * kontor_activity_dup_participant_contact_ids:
 * @self: an activity
 *
 * Returns: (transfer full): the ids of the contacts taking part besides
 *   the one it is recorded on (feature A4), empty when none
 */
char **
kontor_activity_dup_participant_contact_ids (KontorActivity *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), NULL);

  return dup_strv_field (kontor_activity_get_participant_contacts (self));
}

/**
 * kontor_activity_set_participant_contact_ids:
 * @self: an activity
 * @ids: (nullable): ids of contacts
 */
void
kontor_activity_set_participant_contact_ids (KontorActivity     *self,
                                             const char * const *ids)
{
  g_autofree char *json = serialize_strv (ids);

  g_return_if_fail (KONTOR_IS_ACTIVITY (self));

  kontor_activity_set_participant_contacts (self, json);
}

/**
 * kontor_activity_dup_participant_user_ids:
 * @self: an activity
 *
 * Returns: (transfer full): the ids of the colleagues (users) taking part
 */
char **
kontor_activity_dup_participant_user_ids (KontorActivity *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), NULL);

  return dup_strv_field (kontor_activity_get_participant_users (self));
}

/**
 * kontor_activity_set_participant_user_ids:
 * @self: an activity
 * @ids: (nullable): ids of users
 */
void
kontor_activity_set_participant_user_ids (KontorActivity     *self,
                                          const char * const *ids)
{
  g_autofree char *json = serialize_strv (ids);

  g_return_if_fail (KONTOR_IS_ACTIVITY (self));

  kontor_activity_set_participant_users (self, json);
}

/**
 * kontor_activity_dup_link_list:
 * @self: an activity
 *
 * Returns: (transfer full): its links
 */
char **
kontor_activity_dup_link_list (KontorActivity *self)
{
  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), NULL);

  return dup_strv_field (kontor_activity_get_links (self));
}

/**
 * kontor_activity_set_link_list:
 * @self: an activity
 * @links: (nullable): links
 */
void
kontor_activity_set_link_list (KontorActivity     *self,
                               const char * const *links)
{
  g_autofree char *json = serialize_strv (links);

  g_return_if_fail (KONTOR_IS_ACTIVITY (self));

  kontor_activity_set_links (self, json);
}

/**
 * kontor_activity_check_add_attachment:
 * @self: an activity
 * @sha256: (nullable): the file's hash when known
 * @error: return location for a #GError
 *
 * Whether one more file may be attached to @self: asked before a file is
 * read, so that a fourth is refused before it is copied. validate says
 * the same of the whole list.
 *
 * Returns: %TRUE when a file (@sha256) may be added
 */
gboolean
kontor_activity_check_add_attachment (KontorActivity  *self,
                                      const char      *sha256,
                                      GError         **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), FALSE);

  list = kontor_activity_dup_attachments (self);
  for (guint i = 0; sha256 != NULL && i < list->len; i++)
    {
      const KontorAttachment *a = g_ptr_array_index (list, i);

      if (g_str_equal (a->sha256, sha256))
        {
          g_set_error (error, KONTOR_RECORD_ERROR, KONTOR_RECORD_ERROR_INVALID_VALUE,
                       _("The file “%s” is already attached."), a->name);
          return FALSE;
        }
    }

  return check_attachment_count (list->len + 1, error);
}

/**
 * kontor_activity_check_add_link:
 * @self: an activity
 * @uri: a link as typed
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @uri may be added to @self's links
 */
gboolean
kontor_activity_check_add_link (KontorActivity  *self,
                                const char      *uri,
                                GError         **error)
{
  g_auto(GStrv) links = NULL;

  g_return_val_if_fail (KONTOR_IS_ACTIVITY (self), FALSE);

  links = kontor_activity_dup_link_list (self);
  if (!check_link_count (g_strv_length (links) + 1, error) ||
      !kontor_activity_check_link (uri, error))
    return FALSE;

  if (g_strv_contains ((const char * const *) links, uri))
    {
      set_invalid (error, _("A link is there twice."));
      return FALSE;
    }

  return TRUE;
}

/**
 * kontor_activity_snooze_time:
 * @now: the time, Unix seconds
 * @snooze: how long
 * @zone: the user's time zone
 *
 * When a reminder put off at @now is due again (feature X9): an hour
 * later, or tomorrow at the same time of day in @zone, which is 23 or 25
 * hours when the clocks change between.
 *
 * Returns: the time, Unix seconds
 */
gint64
kontor_activity_snooze_time (gint64        now,
                             KontorSnooze  snooze,
                             GTimeZone    *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  g_return_val_if_fail (zone != NULL, now);

  if (snooze == KONTOR_SNOOZE_HOUR)
    return now + 3600;

  utc = g_date_time_new_from_unix_utc (now);
  local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
  tomorrow = local != NULL ? g_date_time_add_days (local, 1) : NULL;

  return tomorrow != NULL ? g_date_time_to_unix (tomorrow) : now + 86400;
}
KONTOR_RECORD_STRING_ACCESSORS (KontorActivity, kontor_activity, lead_entry_id,
                                KONTOR_ACTIVITY_FIELD_LEAD_ENTRY_ID)
