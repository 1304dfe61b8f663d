/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-test-sync-mapping"

#include "config.h"

#include "kontor-channel.h"
#include "kontor-store-private.h"
#include "kontor-store-lead.h"
#include "kontor-sync-entity.h"
#include "kontor-test-utils.h"

/* The entity mapping of kontor-sync/1 (src/protocol/kontor-sync-entity.c)
 * against the store: every table the store keeps records, child rows or
 * settings in has a mapping, every STORED field of every record kind is a
 * synced field, the mapping names nothing the store lacks, and every
 * outbox entry the store writes names a mapped entity and field. A new
 * record kind, field or table without a mapping fails here
 * (src/README.md "Checklist: adding a record kind", "Checklist: adding a
 * field"). */

/* Columns every synced row may have that are no sync field: the local key,
 * the id, the revisions and the times for display (src/README.md "Records
 * and ids"). */
static const char * const bookkeeping_columns[] = {
  "rid", "id", "rev", "field_revs", "created_at", "updated_at", NULL
};

/* Columns of a hand-listed entity that stay on the machine, as
 * "table.column": each machine draws numbers from its own counter. */
static const char * const local_columns[] = {
  "number_range.next_value", NULL
};

/* Tables of the sync machinery itself and of the store's own use; they
 * hold no synced rows (src/README.md "What the client keeps"). */
static const char * const unsynced_tables[] = {
  "outbox", "journal", "tombstone", "record_shadow", "conflict_local", "rejected",
  "sync_state", "meta", NULL
};

/* The team's settings kept in the meta table, not a table of their own
 * (kontor_store_set_keep_birthdays()); /sync-mapping/outbox-entries sees
 * the store write them. */
static const char * const settings_outside_tables[] = { "team_setting", NULL };

static const KontorSyncEntity *
assert_mapped (const char *name)
{
  const KontorSyncEntity *entity = kontor_sync_entity_lookup (name);

  if (entity == NULL)
    g_error ("“%s” has no sync mapping: add it to src/protocol/kontor-sync-entity.c", name);

  g_assert_cmpstr (kontor_sync_entity_get_name (entity), ==, name);

  return entity;
}

static void
assert_child (const char             *table,
              KontorSyncKind          kind,
              const KontorSyncEntity *parent)
{
  const KontorSyncEntity *entity = assert_mapped (table);

  g_assert_cmpint (kontor_sync_entity_get_kind (entity), ==, kind);
  g_assert_true (kontor_sync_entity_get_parent (entity) == parent);
  g_assert_true (kontor_sync_entity_get_record_type (entity) == G_TYPE_INVALID);
  /* a child row is written by whoever may write its owner */
  g_assert_cmpint (kontor_sync_entity_get_owner (entity), ==,
                   kontor_sync_entity_get_owner (parent));
}

static guint
index_of (const KontorSyncEntity *entity)
{
  guint n = 0;

  while (kontor_sync_entity_nth (n) != entity)
    {
      g_assert_nonnull (kontor_sync_entity_nth (n));
      n++;
    }

  return n;
}

/* The names of the store's tables, from its schema. */
static GHashTable *
list_tables (KontorStore *store)
{
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = kontor_test_prepare (store,
                                            "SELECT name FROM sqlite_master WHERE type = 'table'",
                                            NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  return tables;
}

static GStrv
list_columns (KontorStore *store,
              const char  *table)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = kontor_test_prepare (store, "SELECT name FROM pragma_table_info (?1)",
                                            table);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return g_strv_builder_end (builder);
}

/* (a) Every entity the store registers, with its child tables, is mapped,
 * and the mapping's fields are exactly the STORED fields of its class. */
static void
test_store_entities_mapped (KontorStoreFixture *fixture,
                            gconstpointer       data)
{
  const KontorEntityInfo *info;
  guint n;

  for (n = 0; (info = _kontor_entity_info_nth (n)) != NULL; n++)
    {
      GType type = info->get_type ();
      g_autoptr(GTypeClass) klass = g_type_class_ref (type);
      KontorRecordClass *record_class = KONTOR_RECORD_CLASS (klass);
      const KontorSyncEntity *entity = assert_mapped (info->table);
      g_auto(GStrv) fields = kontor_sync_entity_dup_fields (entity);
      gboolean admin_only;
      guint n_stored = 0;

      g_assert_cmpint (kontor_sync_entity_get_kind (entity), ==, KONTOR_SYNC_KIND_RECORD);
      g_assert_true (kontor_sync_entity_get_record_type (entity) == type);
      g_assert_cmpstr (record_class->entity, ==, info->table);
      g_assert_null (kontor_sync_entity_get_parent (entity));

      for (guint i = 0; i < record_class->n_fields; i++)
        {
          const KontorField *field = &record_class->fields[i];
          gboolean stored = (field->flags & KONTOR_FIELD_STORED) != 0;

          if (stored != kontor_sync_entity_has_field (entity, field->column))
            g_error ("%s.%s: the mapping %s it, the field table says %s", info->table,
                     field->column, stored ? "lacks" : "has",
                     stored ? "STORED" : "not STORED");
          g_assert_cmpint (stored, ==, g_strv_contains ((const char * const *) fields,
                                                        field->column));
          n_stored += stored;
        }
      g_assert_cmpuint (g_strv_length (fields), ==, n_stored);

      /* administrators alone write users and teams (kontor_user_role_check());
       * every synced record kind has its changes in the outbox */
      admin_only = !kontor_user_role_check (KONTOR_USER_ROLE_SALES, type, KONTOR_ACCESS_EDIT,
                                            NULL);
      g_assert_cmpint (kontor_sync_entity_get_owner (entity) == KONTOR_SYNC_OWNER_ADMIN, ==,
                       admin_only);
      g_assert_true (info->outbox);

      if (info->channel_table != NULL)
        assert_child (info->channel_table, KONTOR_SYNC_KIND_CHANNEL, entity);
      if (info->link_table != NULL)
        assert_child (info->link_table, KONTOR_SYNC_KIND_LINK, entity);
    }

  /* the store has registered its entities: the walk saw them */
  g_assert_cmpuint (n, >=, 8);
}

/* (b) The mapping names only what the store has: record kinds it
 * registers, their child tables, and settings in its schema; hand-listed
 * fields are columns of their table, and every other column is known not
 * to sync. */
static void
test_no_unknown_entities (KontorStoreFixture *fixture,
                          gconstpointer       data)
{
  g_autoptr(GHashTable) registered = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tables = list_tables (fixture->store);
  const KontorSyncEntity *entity;
  const KontorEntityInfo *info;

  for (guint n = 0; (info = _kontor_entity_info_nth (n)) != NULL; n++)
    {
      g_hash_table_add (registered, (gpointer) info->table);
      if (info->channel_table != NULL)
        g_hash_table_add (registered, (gpointer) info->channel_table);
      if (info->link_table != NULL)
        g_hash_table_add (registered, (gpointer) info->link_table);
    }

  for (guint n = 0; (entity = kontor_sync_entity_nth (n)) != NULL; n++)
    {
      const char *name = kontor_sync_entity_get_name (entity);
      const KontorSyncEntity *parent = kontor_sync_entity_get_parent (entity);
      KontorSyncKind kind = kontor_sync_entity_get_kind (entity);
      g_auto(GStrv) fields = kontor_sync_entity_dup_fields (entity);
      g_auto(GStrv) columns = NULL;

      /* one row per name, parents first */
      g_assert_true (kontor_sync_entity_lookup (name) == entity);
      if (parent != NULL)
        g_assert_cmpuint (index_of (parent), <, n);
      g_assert_cmpint (parent != NULL, ==,
                       kind == KONTOR_SYNC_KIND_CHANNEL || kind == KONTOR_SYNC_KIND_LINK);
      g_assert_cmpint (kontor_sync_entity_get_record_type (entity) != G_TYPE_INVALID, ==,
                       kind == KONTOR_SYNC_KIND_RECORD);
      g_assert_cmpuint (g_strv_length (fields), >, 0);

      if (kind != KONTOR_SYNC_KIND_SETTING)
        {
          if (!g_hash_table_contains (registered, name))
            g_error ("the mapping has “%s”, which the store does not register", name);
          continue;
        }

      if (!g_hash_table_contains (tables, name))
        {
          g_assert_true (g_strv_contains (settings_outside_tables, name));
          continue;
        }

      /* a setting's fields are listed by hand: hold them to the schema */
      columns = list_columns (fixture->store, name);
      for (guint i = 0; fields[i] != NULL; i++)
        {
          if (!g_strv_contains ((const char * const *) columns, fields[i]))
            g_error ("%s.%s is mapped but is no column", name, fields[i]);
        }
      for (guint i = 0; columns[i] != NULL; i++)
        {
          g_autofree char *qualified = g_strconcat (name, ".", columns[i], NULL);

          if (!g_strv_contains ((const char * const *) fields, columns[i]) &&
              !g_strv_contains (bookkeeping_columns, columns[i]) &&
              !g_strv_contains (local_columns, qualified))
            g_error ("the column %s is neither mapped nor known to stay local", qualified);
        }
    }
}

/* The columns of child tables are listed by hand too: each is a column,
 * and each column is mapped or bookkeeping. */
static void
test_child_columns (KontorStoreFixture *fixture,
                    gconstpointer       data)
{
  const KontorSyncEntity *entity;
  guint n_children = 0;

  for (guint n = 0; (entity = kontor_sync_entity_nth (n)) != NULL; n++)
    {
      const char *name = kontor_sync_entity_get_name (entity);
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) columns = NULL;

      if (kontor_sync_entity_get_parent (entity) == NULL)
        continue;

      n_children++;
      fields = kontor_sync_entity_dup_fields (entity);
      columns = list_columns (fixture->store, name);
      g_assert_cmpuint (g_strv_length (columns), >, 0);
      for (guint i = 0; fields[i] != NULL; i++)
        {
          if (!g_strv_contains ((const char * const *) columns, fields[i]))
            g_error ("%s.%s is mapped but is no column", name, fields[i]);
        }
      for (guint i = 0; columns[i] != NULL; i++)
        {
          if (!g_strv_contains ((const char * const *) fields, columns[i]) &&
              !g_strv_contains (bookkeeping_columns, columns[i]))
            g_error ("the column %s.%s is neither mapped nor bookkeeping", name, columns[i]);
        }
    }

  g_assert_cmpuint (n_children, >=, 6);
}

/* (c) Every table of the schema that holds rows with an id (or child rows
 * of an owner) is mapped, so a new table without a KontorEntityInfo fails
 * too. Full-text tables and their shadow tables hold no data of their
 * own. */
static void
test_schema_tables_mapped (KontorStoreFixture *fixture,
                           gconstpointer       data)
{
  sqlite3_stmt *stmt =
    kontor_test_prepare (fixture->store,
                         "SELECT m.name FROM sqlite_master m "
                         "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                         "AND EXISTS (SELECT 1 FROM pragma_table_info (m.name) "
                         "            WHERE name IN ('id', 'owner_id')) "
                         "AND NOT EXISTS (SELECT 1 FROM sqlite_master v "
                         "                WHERE v.type = 'table' "
                         "                AND v.sql LIKE 'CREATE VIRTUAL TABLE%' "
                         "                AND (m.name = v.name OR "
                         "                     substr (m.name, 1, length (v.name) + 1) = "
                         "                     v.name || '_')) "
                         "ORDER BY m.name",
                         NULL);
  guint n_tables = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strv_contains (unsynced_tables, name))
        continue;

      assert_mapped (name);
      n_tables++;
    }
  sqlite3_finalize (stmt);

  /* the query found the store's tables: records, child rows, number ranges */
  g_assert_cmpuint (n_tables, >=, 15);
}

/* Every entry the store writes to the outbox, and every change in the
 * journal, names a mapped entity, and an update a synced field of it; a
 * link's entries name the owner's field of links. Each entity the store
 * pushes is written here once at least. */
static void
test_outbox_entries_mapped (KontorStoreFixture *fixture,
                            gconstpointer       data)
{
  KontorStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(KontorTeam) team = kontor_team_new ("Vertrieb Nord");
  g_autoptr(KontorUser) rep = kontor_user_new ("rep", "Rita Rep", KONTOR_USER_ROLE_SALES);
  g_autoptr(KontorCompany) company = kontor_company_new ("Acme");
  g_autoptr(KontorContact) contact = kontor_contact_new ();
  g_autoptr(KontorContact) gone = kontor_contact_new ();
  g_autoptr(KontorGroup) group = kontor_group_new ("Messe");
  g_autoptr(KontorGroupMember) member = NULL;
  g_autoptr(KontorEmployment) employment = NULL;
  g_autoptr(KontorActivity) call = NULL;
  g_autoptr(GPtrArray) company_emails = kontor_channel_array_new ();
  g_autoptr(GPtrArray) emails = kontor_channel_array_new ();
  g_autoptr(GPtrArray) reordered = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  KontorPipelineStatus *status;
  KontorNumberRange range = { NULL, };
  const char *team_ids[] = { NULL, NULL };
  const char *rep_ids[] = { NULL, NULL };
  const KontorSyncEntity *entity;
  sqlite3_stmt *stmt;
  gboolean done;

  /* users and teams: kept by the server once the team syncs, never pushed */
  kontor_test_save (store, team);
  team_ids[0] = kontor_record_get_id (KONTOR_RECORD (team));
  kontor_user_set_teams (rep, team_ids);
  kontor_test_save (store, rep);
  rep_ids[0] = kontor_record_get_id (KONTOR_RECORD (rep));

  /* a record's children made with it travel in its "create"; later ones
   * are entries of their own */
  kontor_test_save (store, company);
  g_ptr_array_add (company_emails, kontor_channel_new ("work", "info@acme.example"));
  kontor_company_set_emails (company, company_emails);
  kontor_company_set_sales_reps (company, rep_ids);
  kontor_test_save (store, company);

  kontor_contact_set_last_name (contact, "Weber");
  kontor_contact_set_birthday (contact, "1980-02-03");
  kontor_test_save (store, contact);
  g_ptr_array_add (emails, kontor_channel_new ("work", "weber@acme.example"));
  g_ptr_array_add (emails, kontor_channel_new ("home", "weber@example.org"));
  kontor_contact_set_emails (contact, emails);
  kontor_contact_set_sales_reps (contact, rep_ids);
  kontor_contact_set_rank (contact, "a1");
  kontor_contact_set_company_id (contact, kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_test_save (store, contact);

  /* a changed label and a changed order of stored channels */
  reordered = kontor_channel_array_copy (kontor_contact_get_emails (contact));
  g_assert_cmpuint (reordered->len, ==, 2);
  g_free (((KontorChannel *) g_ptr_array_index (reordered, 0))->label);
  ((KontorChannel *) g_ptr_array_index (reordered, 0))->label = g_strdup ("other");
  g_ptr_array_add (reordered, g_ptr_array_steal_index (reordered, 0));
  kontor_contact_set_emails (contact, reordered);
  kontor_test_save (store, contact);

  kontor_test_save (store, group);
  kontor_group_set_assignees (group, rep_ids);
  kontor_test_save (store, group);
  member = kontor_group_member_new (kontor_record_get_id (KONTOR_RECORD (group)),
                                    kontor_record_get_id (KONTOR_RECORD (contact)));
  kontor_test_save (store, member);

  employment = kontor_employment_new (kontor_record_get_id (KONTOR_RECORD (contact)),
                                      kontor_record_get_id (KONTOR_RECORD (company)));
  kontor_test_save (store, employment);
  kontor_employment_set_job_title (employment, "Einkauf");
  kontor_test_save (store, employment);

  call = kontor_activity_new (KONTOR_ACTIVITY_KIND_CALL, KONTOR_RECORD (contact));
  kontor_activity_set_starts_at (call, 1760000000);
  kontor_activity_set_topic (call, KONTOR_ACTIVITY_TOPIC_ACQUISITION);
  kontor_test_save (store, call);
  kontor_activity_set_notes (call, "Angebot bis Freitag");
  kontor_test_save (store, call);

  /* a lead project with its statuses, one of the users', and an entry */
  {
    g_autoptr(KontorLeadProject) project = kontor_lead_project_new ("Messe 2027");
    g_autoptr(KontorLeadStatus) offer = NULL;
    g_autoptr(KontorLeadEntry) entry = NULL;
    g_autoptr(GPtrArray) lead_statuses = NULL;
    const char *project_id;

    done = kontor_store_create_lead_project (store, project, &error);
    g_assert_no_error (error);
    g_assert_true (done);
    project_id = kontor_record_get_id (KONTOR_RECORD (project));
    kontor_lead_project_set_product (project, "Kontor Pro");
    kontor_lead_project_set_responsible (project, rep_ids);
    kontor_test_save (store, project);

    lead_statuses = kontor_store_list_lead_statuses (store, project_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lead_statuses->len, ==, 3);
    kontor_lead_status_set_position (g_ptr_array_index (lead_statuses, 2), 3);
    kontor_test_save (store, g_ptr_array_index (lead_statuses, 2));
    kontor_lead_status_set_position (g_ptr_array_index (lead_statuses, 1), 2);
    kontor_test_save (store, g_ptr_array_index (lead_statuses, 1));
    offer = kontor_lead_status_new (project_id, "Angebot", 1);
    kontor_test_save (store, offer);

    entry = kontor_lead_entry_new (project_id, kontor_record_get_id (KONTOR_RECORD (contact)),
                                   kontor_record_get_id (g_ptr_array_index (lead_statuses, 0)));
    kontor_test_save (store, entry);
    kontor_lead_entry_set_value_cents (entry, 1250000);
    kontor_lead_entry_set_status_id (entry, kontor_record_get_id (KONTOR_RECORD (offer)));
    kontor_test_save (store, entry);
  }

  statuses = kontor_store_list_pipeline_statuses (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, >, 0);
  status = g_ptr_array_index (statuses, 0);
  kontor_pipeline_status_set_stale_days (status, 14);
  kontor_test_save (store, status);

  /* the team's settings, as the administrator the store starts with */
  done = kontor_store_get_number_range (store, &range, &error);
  g_assert_no_error (error);
  g_assert_true (done);
  g_free (range.prefix);
  range.prefix = g_strdup ("KD-");
  done = kontor_store_set_number_range (store, &range, &error);
  kontor_number_range_clear (&range);
  g_assert_no_error (error);
  g_assert_true (done);

  done = kontor_store_set_keep_birthdays (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (done);

  /* users and teams, which administrators write */
  {
    g_autoptr(KontorTeam) north = kontor_team_new ("Vertrieb Nord");
    g_autoptr(KontorUser) user = kontor_user_new ("ines", "Ines Roth", KONTOR_USER_ROLE_SALES);
    const char *teams[2] = { NULL, NULL };

    kontor_test_save (store, north);
    kontor_test_save (store, user);
    teams[0] = kontor_record_get_id (KONTOR_RECORD (north));
    kontor_user_set_teams (user, teams);
    kontor_test_save (store, user);
  }

  kontor_contact_set_last_name (gone, "Fischer");
  kontor_test_save (store, gone);
  done = kontor_store_delete (store, KONTOR_RECORD (gone), &error);
  g_assert_no_error (error);
  g_assert_true (done);

  stmt = kontor_test_prepare (store,
                              "SELECT entity, op, field FROM outbox "
                              "UNION SELECT entity, op, field FROM journal",
                              NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *op = (const char *) sqlite3_column_text (stmt, 1);
      const char *field = (const char *) sqlite3_column_text (stmt, 2);

      entity = assert_mapped (name);
      g_hash_table_add (seen, g_strdup (name));

      if (kontor_sync_entity_get_kind (entity) == KONTOR_SYNC_KIND_LINK)
        {
          /* a link is added or removed, and known by its owner's field */
          GType owner_type =
            kontor_sync_entity_get_record_type (kontor_sync_entity_get_parent (entity));
          g_autoptr(GTypeClass) klass = g_type_class_ref (owner_type);
          const KontorField *owner_field;

          g_assert_true (g_str_equal (op, "create") || g_str_equal (op, "delete"));
          g_assert_nonnull (field);
          owner_field = kontor_record_class_find_field (KONTOR_RECORD_CLASS (klass), field, NULL);
          g_assert_nonnull (owner_field);
          g_assert_cmpint (owner_field->type, ==, KONTOR_FIELD_TYPE_REFS);
        }
      else if (g_str_equal (op, "update"))
        {
          if (field == NULL || !kontor_sync_entity_has_field (entity, field))
            g_error ("the store writes an update of %s.%s, which is not mapped", name, field);
        }
      else
        {
          g_assert_null (field);
        }
    }
  sqlite3_finalize (stmt);

  /* every synced entity was written above: a new entity needs a change of
   * it here */
  for (guint n = 0; (entity = kontor_sync_entity_nth (n)) != NULL; n++)
    {
      const KontorSyncEntity *parent = kontor_sync_entity_get_parent (entity);
      const KontorSyncEntity *owner = parent != NULL ? parent : entity;
      gboolean pushed = owner != NULL;
      const char *name = kontor_sync_entity_get_name (entity);

      if (pushed != g_hash_table_contains (seen, name))
        g_error ("%s: %s", name, pushed ? "no change of it was written by this test"
                                        : "the store pushes it");
    }
}

/* (d) Lookups, policies and the derived fields by name. */
static void
test_lookup (void)
{
  const KontorSyncEntity *contact = kontor_sync_entity_lookup ("contact");
  const KontorSyncEntity *channel = kontor_sync_entity_lookup ("contact_channel");
  const KontorSyncEntity *link = kontor_sync_entity_lookup ("contact_link");
  const KontorSyncEntity *user = kontor_sync_entity_lookup ("app_user");
  const KontorSyncEntity *range = kontor_sync_entity_lookup ("number_range");
  const KontorSyncEntity *entity;
  g_auto(GStrv) fields = NULL;
  guint n_entities = 0;
  guint n_lww = 0;

  /* the outbox's, the store's own and misspelt names are not entities */
  g_assert_null (kontor_sync_entity_lookup ("outbox"));
  g_assert_null (kontor_sync_entity_lookup ("journal"));
  g_assert_null (kontor_sync_entity_lookup ("contact_search"));
  g_assert_null (kontor_sync_entity_lookup ("contacts"));
  g_assert_null (kontor_sync_entity_lookup ("Contact"));
  g_assert_null (kontor_sync_entity_lookup (""));

  g_assert_nonnull (contact);
  g_assert_nonnull (channel);
  g_assert_nonnull (link);
  g_assert_nonnull (user);
  g_assert_nonnull (range);

  while (kontor_sync_entity_nth (n_entities) != NULL)
    n_entities++;
  g_assert_cmpuint (n_entities, >=, 16);
  g_assert_null (kontor_sync_entity_nth (G_MAXUINT));

  g_assert_true (kontor_sync_entity_get_record_type (contact) == KONTOR_TYPE_CONTACT);
  g_assert_true (kontor_sync_entity_get_record_type (channel) == G_TYPE_INVALID);
  g_assert_true (kontor_sync_entity_get_parent (channel) == contact);
  g_assert_cmpint (kontor_sync_entity_get_kind (link), ==, KONTOR_SYNC_KIND_LINK);
  g_assert_cmpint (kontor_sync_entity_get_owner (contact), ==, KONTOR_SYNC_OWNER_CLIENT);
  g_assert_cmpint (kontor_sync_entity_get_owner (user), ==, KONTOR_SYNC_OWNER_ADMIN);
  g_assert_cmpint (kontor_sync_entity_get_owner (range), ==, KONTOR_SYNC_OWNER_ADMIN);
  g_assert_cmpint (kontor_sync_entity_get_owner (kontor_sync_entity_lookup ("team")), ==,
                   KONTOR_SYNC_OWNER_ADMIN);
  g_assert_cmpint (kontor_sync_entity_get_owner (kontor_sync_entity_lookup ("app_user_link")), ==,
                   KONTOR_SYNC_OWNER_ADMIN);

  /* stored fields sync, derived and local ones do not, nor bookkeeping */
  g_assert_true (kontor_sync_entity_has_field (contact, "last_name"));
  g_assert_true (kontor_sync_entity_has_field (contact, "emails"));
  g_assert_false (kontor_sync_entity_has_field (contact, "company_name"));
  g_assert_false (kontor_sync_entity_has_field (contact, "last_activity_at"));
  g_assert_false (kontor_sync_entity_has_field (contact, "id"));
  g_assert_false (kontor_sync_entity_has_field (contact, "rid"));
  g_assert_false (kontor_sync_entity_has_field (contact, "no_such_field"));
  g_assert_true (kontor_sync_entity_has_field (channel, "value"));
  g_assert_false (kontor_sync_entity_has_field (channel, "last_name"));
  g_assert_true (kontor_sync_entity_has_field (range, "prefix"));
  g_assert_false (kontor_sync_entity_has_field (range, "next_value"));

  fields = kontor_sync_entity_dup_fields (contact);
  g_assert_true (g_strv_contains ((const char * const *) fields, "rank"));
  g_assert_false (g_strv_contains ((const char * const *) fields, "pipeline_status_name"));

  /* only presentational order is last-writer-wins */
  g_assert_cmpint (kontor_sync_entity_get_policy (contact, "rank"), ==, KONTOR_SYNC_POLICY_LWW);
  g_assert_cmpint (kontor_sync_entity_get_policy (contact, "last_name"), ==,
                   KONTOR_SYNC_POLICY_ASK);
  g_assert_cmpint (kontor_sync_entity_get_policy (contact, "pipeline_status_id"), ==,
                   KONTOR_SYNC_POLICY_ASK);
  g_assert_cmpint (kontor_sync_entity_get_policy (contact, "no_such_field"), ==,
                   KONTOR_SYNC_POLICY_ASK);
  g_assert_cmpint (kontor_sync_entity_get_policy (channel, "position"), ==,
                   KONTOR_SYNC_POLICY_LWW);
  g_assert_cmpint (kontor_sync_entity_get_policy (channel, "value"), ==, KONTOR_SYNC_POLICY_ASK);
  g_assert_cmpint (kontor_sync_entity_get_policy (link, "position"), ==, KONTOR_SYNC_POLICY_LWW);
  g_assert_cmpint (kontor_sync_entity_get_policy (kontor_sync_entity_lookup ("pipeline_status"),
                                                  "position"), ==, KONTOR_SYNC_POLICY_ASK);

  /* and nothing else anywhere: a contact's and a lead's rank and each
   * child table's position */
  for (guint n = 0; (entity = kontor_sync_entity_nth (n)) != NULL; n++)
    {
      g_auto(GStrv) names = kontor_sync_entity_dup_fields (entity);

      for (guint i = 0; names[i] != NULL; i++)
        {
          if (kontor_sync_entity_get_policy (entity, names[i]) != KONTOR_SYNC_POLICY_LWW)
            continue;
          n_lww++;
          if (kontor_sync_entity_get_parent (entity) != NULL)
            g_assert_cmpstr (names[i], ==, "position");
          else
            g_assert_true ((entity == contact || entity == kontor_sync_entity_lookup ("lead_entry")) &&
                           g_str_equal (names[i], "rank"));
        }
    }
  g_assert_cmpuint (n_lww, ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  KONTOR_STORE_TEST ("/sync-mapping/store-entities-mapped", test_store_entities_mapped);
  KONTOR_STORE_TEST ("/sync-mapping/no-unknown-entities", test_no_unknown_entities);
  KONTOR_STORE_TEST ("/sync-mapping/child-columns", test_child_columns);
  KONTOR_STORE_TEST ("/sync-mapping/schema-tables-mapped", test_schema_tables_mapped);
  KONTOR_STORE_TEST ("/sync-mapping/outbox-entries", test_outbox_entries_mapped);
  g_test_add_func ("/sync-mapping/lookup", test_lookup);

  return g_test_run ();
}
