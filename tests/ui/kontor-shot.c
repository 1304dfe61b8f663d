/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 Kontor developers */

#define G_LOG_DOMAIN "kontor-shot"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kontor-shot.h"
#include "kontor-ui-test-utils.h"

/* Screenshots for a person to look at, made by the display tests; and
 * the check that a picture shows something. */

/* A window with text on it has hundreds of colours (antialiasing); an
 * empty or single-coloured one has a handful. */
#define MIN_COLOURS 64
/* Pixels per byte of PNG: a picture of a window compresses to one byte
 * for some 5 to 20 pixels; an empty one to one byte for thousands. */
#define MAX_PIXELS_PER_BYTE 100

/**
 * kontor_widget_save_png:
 * @widget: a mapped widget, usually a window
 * @path: where to write the PNG
 * @error: return location for a #GError
 *
 * Renders @widget as it is on screen into a PNG, with the window's own
 * renderer (so it works under Xvfb with cairo or GL).
 *
 * Returns: %TRUE when the file was written
 */
gboolean
kontor_widget_save_png (GtkWidget   *widget,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (!gtk_widget_get_mapped (widget) || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window is not shown yet.");
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "The window has not been drawn yet.");
      return FALSE;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not write the picture “%s”.", path);
      return FALSE;
    }

  return TRUE;
}

static guint
count_colours (GdkTexture *texture,
               guint       enough)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, (guchar *) pixels, stride);
  for (gsize i = 0; i < (gsize) width * height && g_hash_table_size (colours) < enough; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));

  return g_hash_table_size (colours);
}

/**
 * kontor_test_take_screenshot:
 * @widget: a mapped widget, usually a window
 * @path: where to write the PNG
 *
 * Writes a screenshot of @widget to @path, for a person to look at, and
 * fails the running test unless the file is there, decodes as a picture
 * of the widget's size, and shows something: not one colour or a few.
 */
void
kontor_test_take_screenshot (GtkWidget  *widget,
                             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint colours;

  g_assert_true (kontor_widget_save_png (widget, path, &error));
  g_assert_no_error (error);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, &error);
  g_assert_no_error (error);

  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (widget));
  g_assert_cmpint (gdk_texture_get_height (texture), ==, gtk_widget_get_height (widget));
  g_assert_cmpint (g_file_info_get_size (info), >,
                   gdk_texture_get_width (texture) * gdk_texture_get_height (texture) /
                   MAX_PIXELS_PER_BYTE);

  colours = count_colours (texture, MIN_COLOURS);
  if (colours < MIN_COLOURS)
    g_test_fail_printf ("%s is nearly blank: %u colours", path, colours);
  g_test_message ("wrote %s (%" G_GOFFSET_FORMAT " bytes)", path, g_file_info_get_size (info));
}

/* Until @widget has been drawn again (after a change of style the window
 * draws on the next frame, which a busy machine may make late) */
static void
wait_drawn (GtkWidget  *widget,
            const char *path)
{
  for (guint i = 0; i < 50 && !kontor_widget_save_png (widget, path, NULL); i++)
    kontor_test_settle (100);
}

/**
 * kontor_test_take_screenshots:
 * @widget: a mapped window
 * @path: where the light one goes, "….png"
 *
 * A screenshot at @path in the light style, and beside it ("-dark") one
 * in the dark style, for a person to look at; each checked to show
 * something (kontor_test_take_screenshot()).
 */
void
kontor_test_take_screenshots (GtkWidget  *widget,
                              const char *path)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *stem = g_strndup (path, strlen (path) - strlen (".png"));
  g_autofree char *dark = g_strconcat (stem, "-dark.png", NULL);

  g_return_if_fail (g_str_has_suffix (path, ".png"));

  wait_drawn (widget, path);
  kontor_test_take_screenshot (widget, path);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  kontor_test_settle (300);
  wait_drawn (widget, dark);
  kontor_test_take_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  kontor_test_settle (200);
}
