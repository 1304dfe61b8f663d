/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-search-provider"

#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "kontor-context.h"
#include "kontor-search-provider.h"
#include "kontor-shell-search-provider2.h"
#include "kontor-store-quick-search.h"
#include "kontor-text.h"

/* GNOME Shell's search in the Activities overview (feature G4,
 * src/README.md "Shell search"): org.gnome.Shell.SearchProvider2 on the
 * application's own connection, so the bus starts Kontor for it as for
 * any call to its name. The Shell's calls come on the main thread one at
 * a time; each asks the store (kontor_store_quick_search(): a few rows,
 * never a list), so it answers within a frame at 100 000 contacts.
 * Result ids are "contact:<id>" and "company:<id>". */

struct _KontorSearchProvider
{
  GObject                     parent_instance;

  KontorApplication          *application;    /* unowned: it owns the provider */
  KontorShellSearchProvider2 *skeleton;
  guint                       hold_id;        /* the application held after a call */
};

G_DEFINE_FINAL_TYPE (KontorSearchProvider, kontor_search_provider, G_TYPE_OBJECT)

#define CONTACT_PREFIX "contact:"
#define COMPANY_PREFIX "company:"
/* the icon's size in pixels: the Shell's list shows 32 px, twice that on
 * a doubled scale */
#define ICON_SIZE 64
/* how long the process stays for the next call after the last one, when
 * nothing else holds it: GApplication's own wait after a start by the bus */
#define HOLD_SECONDS 10

/* AdwAvatar's colours (libadwaita 1.2, avatar.css: .color1 … .color14):
 * gradient top and bottom, and the letters' colour */
static const struct
{
  guint32 top, bottom, text;
} avatar_colors[] = {
  { 0x83b6ec, 0x337fdc, 0xcfe1f5 },
  { 0x7ad9f1, 0x0f9ac8, 0xcaeaf2 },
  { 0x8de6b1, 0x29ae74, 0xcef8d8 },
  { 0xb8d130, 0x6ab85b, 0xe6f9d7 },
  { 0xf4e23f, 0xd29d09, 0xf9f4e1 },
  { 0xffcb62, 0xd68400, 0xffead1 },
  { 0xffa95a, 0xed5b00, 0xffe5c5 },
  { 0xf78773, 0xe62d42, 0xf8d2ce },
  { 0xe973ab, 0xe33b6a, 0xfac7de },
  { 0xcb78d4, 0x9945b5, 0xe7c2e8 },
  { 0x9e91e8, 0x7a59ca, 0xd5d2f5 },
  { 0xe3cf9c, 0xb08952, 0xf2eade },
  { 0xbe916d, 0x785336, 0xe5d6ca },
  { 0xc0bfbc, 0x6e6d71, 0xd8d7d3 },
};

static void
set_source_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
add_color_stop (cairo_pattern_t *pattern,
                double           offset,
                guint32          rgb)
{
  cairo_pattern_add_color_stop_rgb (pattern, offset, ((rgb >> 16) & 0xff) / 255.0,
                                    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static cairo_status_t
write_png_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/**
 * kontor_search_provider_draw_initials:
 * @name: a contact's or company's name, as shown
 * @size: the picture's width and height in pixels
 *
 * The avatar of a record as its page's AdwAvatar shows it without a
 * picture: its initials (kontor_text_dup_initials()) on the colour
 * AdwAvatar picks for @name (g_str_hash() of the text, of 14), drawn
 * without a widget, since the Shell's call may come before any window.
 *
 * Returns: (transfer full): a PNG picture
 */
GBytes *
kontor_search_provider_draw_initials (const char *name,
                                      int         size)
{
  static PangoContext *text_context;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *initials = NULL;
  PangoFontDescription *font;
  cairo_surface_t *surface;
  cairo_pattern_t *gradient;
  cairo_t *cr;
  guint color;
  int width, height;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  initials = kontor_text_dup_initials (name);
  color = g_str_hash (name) % G_N_ELEMENTS (avatar_colors);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);

  gradient = cairo_pattern_create_linear (0, 0, 0, size);
  add_color_stop (gradient, 0, avatar_colors[color].top);
  add_color_stop (gradient, 1, avatar_colors[color].bottom);
  cairo_set_source (cr, gradient);
  cairo_arc (cr, size / 2.0, size / 2.0, size / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  /* one context for every picture: a new one each time loads the fonts
   * again, a few milliseconds a picture (main thread only, as the calls) */
  if (text_context == NULL)
    text_context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_update_context (cr, text_context);
  layout = pango_layout_new (text_context);
  font = pango_font_description_from_string ("Sans Bold");
  pango_font_description_set_absolute_size (font, size * 0.36 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, initials, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  set_source_rgb (cr, avatar_colors[color].text);
  cairo_move_to (cr, (size - width) / 2.0, (size - height) / 2.0);
  pango_cairo_show_layout (cr, layout);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_write_to_png_stream (surface, write_png_cb, png) != CAIRO_STATUS_SUCCESS)
    g_byte_array_set_size (png, 0);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static gboolean
on_hold_timeout_cb (gpointer user_data)
{
  KontorSearchProvider *self = user_data;

  self->hold_id = 0;
  g_application_release (G_APPLICATION (self->application));

  return G_SOURCE_REMOVE;
}

/* Keeps the process for the Shell's next call: started by the bus, it
 * ends when nothing holds it, and each keystroke in the overview is a
 * call (a start of its own would cost the Shell a second) */
static void
stay_for_next_call (KontorSearchProvider *self)
{
  if (self->hold_id == 0)
    g_application_hold (G_APPLICATION (self->application));
  g_clear_handle_id (&self->hold_id, g_source_remove);
  self->hold_id = g_timeout_add_seconds (HOLD_SECONDS, on_hold_timeout_cb, self);
}

/* The store the Shell's calls search: the last used window's database,
 * else the default one */
static KontorStore *
get_store (KontorSearchProvider  *self,
           const char           **path,
           GError               **error)
{
  KontorContext *context = kontor_application_get_search_context (self->application, path, error);

  return context != NULL ? kontor_context_get_store (context) : NULL;
}

static char *
join_terms (const char * const *terms)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) terms);

  return g_strstrip (g_steal_pointer (&joined));
}

/* Companies first: a company's name typed is rarely also a contact's,
 * and the Shell shows only the first few results */
static void
search (KontorSearchProvider  *self,
        GDBusMethodInvocation *invocation,
        const char * const    *terms)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = join_terms (terms);
  KontorStore *store;

  stay_for_next_call (self);
  store = get_store (self, NULL, &error);
  if (store == NULL ||
      !kontor_store_quick_search (store, text, KONTOR_SEARCH_PROVIDER_LIMIT, &contacts,
                                  &companies, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return;
    }

  for (guint i = 0; i < companies->len; i++)
    g_ptr_array_add (results, g_strconcat (COMPANY_PREFIX,
                                           kontor_record_get_id (companies->pdata[i]), NULL));
  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (results, g_strconcat (CONTACT_PREFIX,
                                           kontor_record_get_id (contacts->pdata[i]), NULL));
  g_ptr_array_add (results, NULL);

  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(^as)", (char **) results->pdata));
}

static gboolean
on_get_initial_result_set_cb (KontorShellSearchProvider2 *skeleton,
                              GDBusMethodInvocation      *invocation,
                              const char * const         *terms,
                              gpointer                    user_data)
{
  search (user_data, invocation, terms);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* Searched again: the previous results were limited, so narrowing
 * them could lose what the new words find */
static gboolean
on_get_subsearch_result_set_cb (KontorShellSearchProvider2 *skeleton,
                                GDBusMethodInvocation      *invocation,
                                const char * const         *previous_results,
                                const char * const         *terms,
                                gpointer                    user_data)
{
  search (user_data, invocation, terms);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* @id's record, or %NULL when it is gone or no result id */
static KontorRecord *
load_result (KontorStore *store,
             const char  *id)
{
  if (g_str_has_prefix (id, CONTACT_PREFIX))
    return kontor_store_load (store, KONTOR_TYPE_CONTACT, id + strlen (CONTACT_PREFIX), NULL);
  if (g_str_has_prefix (id, COMPANY_PREFIX))
    return kontor_store_load (store, KONTOR_TYPE_COMPANY, id + strlen (COMPANY_PREFIX), NULL);

  return NULL;
}

static GVariant *
dup_meta (const char   *id,
          KontorRecord *record)
{
  g_autofree char *name = kontor_record_dup_display_name (record);
  g_autoptr(GBytes) png = kontor_search_provider_draw_initials (name, ICON_SIZE);
  g_autoptr(GIcon) icon = g_bytes_icon_new (png);
  g_autoptr(GVariant) serialized = g_icon_serialize (icon);
  const char *description = NULL;
  GVariantBuilder meta;

  if (KONTOR_IS_CONTACT (record))
    description = kontor_contact_get_company_name (KONTOR_CONTACT (record));
  else
    description = kontor_company_get_city (KONTOR_COMPANY (record));

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (name));
  if (description != NULL && *description != '\0')
    g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  /* Shell 43 deserializes "icon" (remoteSearch.js): a GBytesIcon's
   * ("bytes", ay) */
  g_variant_builder_add (&meta, "{sv}", "icon", serialized);
  g_variant_builder_add (&meta, "{sv}", "clipboardText", g_variant_new_string (name));

  return g_variant_builder_end (&meta);
}

static gboolean
on_get_result_metas_cb (KontorShellSearchProvider2 *skeleton,
                        GDBusMethodInvocation      *invocation,
                        const char * const         *identifiers,
                        gpointer                    user_data)
{
  KontorSearchProvider *self = user_data;
  g_autoptr(GError) error = NULL;
  GVariantBuilder metas;
  KontorStore *store;

  stay_for_next_call (self);
  store = get_store (self, NULL, &error);
  if (store == NULL)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  /* a record deleted since the search has no meta; the Shell leaves it out */
  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; identifiers[i] != NULL; i++)
    {
      g_autoptr(KontorRecord) record = load_result (store, identifiers[i]);

      if (record != NULL)
        g_variant_builder_add_value (&metas, dup_meta (identifiers[i], record));
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &metas));

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The window on the record: app.open-record, as a notification's
 * button would call it */
static gboolean
on_activate_result_cb (KontorShellSearchProvider2 *skeleton,
                       GDBusMethodInvocation      *invocation,
                       const char                 *identifier,
                       const char * const         *terms,
                       guint                       timestamp,
                       gpointer                    user_data)
{
  KontorSearchProvider *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  const char *kind;
  const char *id;

  if (g_str_has_prefix (identifier, CONTACT_PREFIX))
    {
      kind = "contact";
      id = identifier + strlen (CONTACT_PREFIX);
    }
  else if (g_str_has_prefix (identifier, COMPANY_PREFIX))
    {
      kind = "company";
      id = identifier + strlen (COMPANY_PREFIX);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_INVALID_ARGS,
                                             "No result of Kontor: %s", identifier);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  if (get_store (self, &path, &error) == NULL)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-record",
                                  g_variant_new ("(sssu)", path, kind, id, timestamp));
  kontor_shell_search_provider2_complete_activate_result (skeleton, invocation);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* "More results": the window's contacts, searched for the same words */
static gboolean
on_launch_search_cb (KontorShellSearchProvider2 *skeleton,
                     GDBusMethodInvocation      *invocation,
                     const char * const         *terms,
                     guint                       timestamp,
                     gpointer                    user_data)
{
  KontorSearchProvider *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = join_terms (terms);
  const char *path = NULL;

  if (get_store (self, &path, &error) == NULL)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self->application), "search",
                                  g_variant_new ("(ssu)", path, text, timestamp));
  kontor_shell_search_provider2_complete_launch_search (skeleton, invocation);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
kontor_search_provider_dispose (GObject *object)
{
  KontorSearchProvider *self = KONTOR_SEARCH_PROVIDER (object);

  if (self->skeleton != NULL)
    {
      kontor_search_provider_unexport (self);
      g_signal_handlers_disconnect_by_data (self->skeleton, self);
    }
  g_clear_object (&self->skeleton);
  if (self->hold_id != 0)
    {
      g_clear_handle_id (&self->hold_id, g_source_remove);
      g_application_release (G_APPLICATION (self->application));
    }

  G_OBJECT_CLASS (kontor_search_provider_parent_class)->dispose (object);
}

static void
kontor_search_provider_class_init (KontorSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kontor_search_provider_dispose;
}

static void
kontor_search_provider_init (KontorSearchProvider *self)
{
  self->skeleton = kontor_shell_search_provider2_skeleton_new ();
  g_signal_connect (self->skeleton, "handle-get-initial-result-set",
                    G_CALLBACK (on_get_initial_result_set_cb), self);
  g_signal_connect (self->skeleton, "handle-get-subsearch-result-set",
                    G_CALLBACK (on_get_subsearch_result_set_cb), self);
  g_signal_connect (self->skeleton, "handle-get-result-metas",
                    G_CALLBACK (on_get_result_metas_cb), self);
  g_signal_connect (self->skeleton, "handle-activate-result",
                    G_CALLBACK (on_activate_result_cb), self);
  g_signal_connect (self->skeleton, "handle-launch-search",
                    G_CALLBACK (on_launch_search_cb), self);
}

/**
 * kontor_search_provider_new:
 * @application: the application, which keeps the provider
 *
 * Returns: (transfer full): a provider, not yet on the bus
 */
KontorSearchProvider *
kontor_search_provider_new (KontorApplication *application)
{
  KontorSearchProvider *self;

  g_return_val_if_fail (KONTOR_IS_APPLICATION (application), NULL);

  self = g_object_new (KONTOR_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;

  return self;
}

/**
 * kontor_search_provider_export:
 * @self: a provider
 * @connection: the application's connection
 * @object_path: where the Shell looks for it (the .ini's ObjectPath)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when it is on the bus
 */
gboolean
kontor_search_provider_export (KontorSearchProvider  *self,
                               GDBusConnection       *connection,
                               const char            *object_path,
                               GError               **error)
{
  g_return_val_if_fail (KONTOR_IS_SEARCH_PROVIDER (self), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, object_path, error);
}

/**
 * kontor_search_provider_unexport:
 * @self: a provider
 *
 * Takes it off the bus, if it is there.
 */
void
kontor_search_provider_unexport (KontorSearchProvider *self)
{
  g_return_if_fail (KONTOR_IS_SEARCH_PROVIDER (self));

  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)))
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}
