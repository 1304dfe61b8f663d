#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-notifications.py KONTOR SCHEMA_DIR MAKE_REMINDER_DB
#
# Reminders against a real notification server (features R2, X9;
# src/README.md "Reminders"), in a D-Bus session and an accessibility bus
# of the test's own, on the X display:
#
#  1. `kontor --background` on a database without reminders exits at
#     once, without a window; on one with a reminder due it shows the
#     bubble without a window (photographed in the dark style), and ends
#     by itself once "Done" was clicked.
#  2. Debian's notification-daemon (the freedesktop server GLib's
#     "freedesktop" GNotification backend talks to) runs in the session;
#     Kontor starts on a database whose tasks "Call back Anna" and "Send
#     the offer" are due now and "Plan the visit" is due in a little
#     while. The daemon shows one bubble at a time: the first is found
#     over AT-SPI (its summary and buttons), photographed with
#     ImageMagick's `import` in the run's language, and its "Done" button
#     clicked with the mouse (xdotool, at the place AT-SPI gives): the
#     task is done in the database. The next bubble's "Snooze an Hour":
#     its reminder moved an hour on.
#  3. A second `kontor` on the same database returns at once and the
#     first process stays the only one; `kontor --database OTHER` opens a
#     second window in that same process.
#  4. Both windows closed (their "Close" buttons clicked over AT-SPI):
#     the process stays, in the background, since "Plan the visit" is
#     still to come; its bubble comes, and a click on it (the default
#     action, "Open") brings a window back, with the task's dialog.
#
# Without notification-daemon, pyatspi, at-spi-bus-launcher,
# dbus-run-session, xdotool, import or an X display it exits 77 (skipped)
# with a message, unless CI=true: then a missing piece is a failure.

import gettext
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

DAEMON = '/usr/lib/notification-daemon/notification-daemon'
BUS_LAUNCHER_PATHS = ('/usr/libexec/at-spi-bus-launcher',
                      '/usr/lib/at-spi2-core/at-spi-bus-launcher')
SYSTEM_PYTHON = '/usr/bin/python3'
# Bounds for waiting; never a measure of speed.
WAIT_SECONDS = 90
# "Plan the visit": after steps 2 and 3, before which it must not come
LATER_SECONDS = 45

step = 0


def unavailable(reason):
    if os.environ.get('CI') == 'true':
        print(f'not ok 1 - {reason} (CI=true: a missing piece is a failure)')
        sys.exit(1)
    print(f'1..0 # SKIP {reason}')
    sys.exit(77)


def fail(message):
    print(f'not ok {step + 1} - {message}')
    sys.exit(1)


def ok(message):
    global step
    step += 1
    print(f'ok {step} - {message}', flush=True)


def wait_for(what, predicate):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Exception:
            result = None
        if result:
            return result
        time.sleep(0.2)
    fail(f'{what} did not happen')


def xdotool(*args):
    return subprocess.run(['xdotool'] + [str(a) for a in args], check=True,
                          capture_output=True, text=True).stdout


def visible_windows(pid):
    """The X windows of process @pid that are shown."""
    result = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid)],
                            capture_output=True, text=True)
    return result.stdout.split()


def ensure_pyatspi():
    try:
        import pyatspi  # noqa: F401
        return
    except ImportError:
        pass
    if (os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and
            os.access(SYSTEM_PYTHON, os.X_OK)):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    unavailable('pyatspi is missing (python3-pyatspi)')


def find_bus_launcher():
    for path in BUS_LAUNCHER_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which('at-spi-bus-launcher')


def run_in_private_session():
    """This script again, under a D-Bus session and a runtime folder of
    its own: the notification server, the accessibility bus and Kontor's
    name on the bus end with the test."""
    tmp = tempfile.mkdtemp(prefix='kontor-notify-')
    try:
        runtime = os.path.join(tmp, 'runtime')
        os.mkdir(runtime, 0o700)
        env = dict(os.environ, KONTOR_NOTIFY_TMP=tmp, XDG_RUNTIME_DIR=runtime)
        env.pop('DBUS_SESSION_BUS_ADDRESS', None)
        env.pop('AT_SPI_BUS_ADDRESS', None)
        return subprocess.call(['dbus-run-session', '--', sys.executable] + sys.argv, env=env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def start_accessibility_bus():
    from gi.repository import Gio, GLib

    launcher_path = find_bus_launcher()
    if launcher_path is None:
        unavailable('at-spi-bus-launcher is missing (at-spi2-core)')
    env = dict(os.environ)
    # not published on the X root window, where other tests would find it
    env.pop('DISPLAY', None)
    launcher = subprocess.Popen([launcher_path, '--launch-immediately'], env=env)
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and launcher.poll() is None:
        try:
            reply = bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus',
                                  'GetAddress', None, GLib.VariantType('(s)'),
                                  Gio.DBusCallFlags.NO_AUTO_START, 5000, None)
            return launcher, reply.unpack()[0]
        except GLib.Error:
            time.sleep(0.1)
    launcher.kill()
    launcher.wait()
    unavailable('the accessibility bus did not start (at-spi-bus-launcher)')


class Texts:
    """What the run's language calls things: Kontor's own catalogue from
    the build folder, GTK's from the system."""

    def __init__(self):
        language = os.environ.get('LANGUAGE', 'en').split(':')[0]
        self.kontor = gettext.translation('kontor', os.environ.get('KONTOR_LOCALEDIR'),
                                          languages=[language], fallback=True)
        self.gtk = gettext.translation('gtk40', languages=[language], fallback=True)

    def reminder(self, subject):
        return self.kontor.gettext('Reminder: %s') % subject

    def __call__(self, text):
        return self.kontor.gettext(text)


def descendants(accessible, depth=0):
    if accessible is None or depth > 20:
        return
    yield accessible
    for child in accessible:
        yield from descendants(child, depth + 1)


def app_named(pyatspi, name):
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and app.name == name:
            return app
    return None


def bubble(pyatspi, summary):
    """The daemon's bubble whose summary is @summary, or None."""
    app = app_named(pyatspi, 'notification-daemon')
    if app is None:
        return None
    for window in app:
        if window is None:
            continue
        if any(a.getRole() == pyatspi.ROLE_LABEL and a.name == summary
               for a in descendants(window)):
            return window
    return None


def find_in(pyatspi, root, role, name):
    found = [a for a in descendants(root) if a.getRole() == role and a.name == name]
    return found[0] if found else None


def click_at(accessible):
    """A real click with the mouse in the middle of @accessible: GTK 3
    reports places on the screen."""
    x, y, width, height = accessible.queryComponent().getExtents(0)   # ATSPI_COORD_TYPE_SCREEN
    xdotool('mousemove', x + width // 2, y + height // 2, 'click', '1')


def do_action(accessible, name='click'):
    action = accessible.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == name:
            action.doAction(i)
            return
    fail(f'“{accessible.name}” cannot be clicked')


def screenshot(window_id, name, style=None):
    """A picture of the X window @window_id for a person to look at,
    checked to show something: the window's size, more than a few
    colours."""
    from gi.repository import GdkPixbuf

    folder = os.environ.get('KONTOR_SCREENSHOT_DIR') or os.environ['KONTOR_NOTIFY_TMP']
    language = os.environ.get('KONTOR_SCREENSHOT_LANGUAGE', 'en')
    suffix = f'-{style}' if style else ''
    path = os.path.join(folder, f'notification-{name}-{language}{suffix}.png')
    subprocess.run(['import', '-window', window_id, path], check=True)
    geometry = dict(line.split('=') for line in
                    xdotool('getwindowgeometry', '--shell', window_id).split())
    pixbuf = GdkPixbuf.Pixbuf.new_from_file(path)
    if (pixbuf.get_width(), pixbuf.get_height()) != (int(geometry['WIDTH']),
                                                     int(geometry['HEIGHT'])):
        fail(f'{path} is {pixbuf.get_width()}×{pixbuf.get_height()}, not the window’s size')
    pixels = pixbuf.get_pixels()
    step_bytes = pixbuf.get_n_channels()
    colours = {bytes(pixels[i:i + 3]) for i in range(0, len(pixels) - 2, step_bytes * 7)}
    if len(colours) < 16:
        fail(f'{path} is nearly blank: {len(colours)} colours')
    print(f'# wrote {path}')


def query(db, sql, *args):
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute(sql, args).fetchone()
    finally:
        connection.close()


def run_test(kontor, schemas, make_db):
    tmp = os.environ['KONTOR_NOTIFY_TMP']
    texts = Texts()
    launcher, address = start_accessibility_bus()
    os.environ['AT_SPI_BUS_ADDRESS'] = address
    import pyatspi

    env = dict(os.environ,
               GTK_A11Y='atspi',
               GSETTINGS_SCHEMA_DIR=schemas,
               AT_SPI_BUS_ADDRESS=address,
               # the test's own folders: the autostart entry goes there
               XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
               XDG_DATA_HOME=os.path.join(tmp, 'data'),
               # what GLib would pick in this session anyway (nobody owns
               # org.gtk.Notifications), said so that it never differs
               GNOTIFICATION_BACKEND='freedesktop')
    # tests/meson.build keeps the other tests off the bus; this one is on it
    env.pop('NO_AT_BRIDGE', None)
    processes = []
    log = open(os.path.join(tmp, 'kontor.log'), 'w+')

    def start(*args, theme=None):
        process = subprocess.Popen(list(args), env=dict(env, GTK_THEME=theme) if theme else env,
                                   stdout=log, stderr=subprocess.STDOUT)
        processes.append(process)
        return process

    try:
        # 1. --background with nothing to come: gone at once, no window
        empty = os.path.join(tmp, 'empty.db')
        background = start(kontor, '--background', '--database', empty)
        try:
            status = background.wait(WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            fail('kontor --background stayed without any reminder to come')
        if status != 0:
            fail(f'kontor --background exited with status {status}')
        ok('kontor --background without reminders to come exits at once')

        # ... and with one due: its bubble without a window; once it is
        # answered nothing is left, and the process ends by itself
        # the daemon in the dark style for this one, for its picture
        daemon = start(DAEMON, theme='Adwaita:dark')
        soon = os.path.join(tmp, 'soon.db')
        subprocess.run([make_db, soon, 'Call the bank', '-5'], check=True, env=env,
                       capture_output=True)
        background = start(kontor, '--background', '--database', soon)
        bank = wait_for('the bubble of kontor --background',
                        lambda: bubble(pyatspi, texts.reminder('Call the bank')))
        if visible_windows(background.pid):
            fail('kontor --background showed a window')
        if background.poll() is not None:
            fail(f'kontor --background ended before its reminder was answered, '
                 f'status {background.returncode}')
        screenshot(wait_for('the bubble on the display', lambda: visible_windows(daemon.pid))[0],
                   'reminder', 'dark')
        click_at(find_in(pyatspi, bank, pyatspi.ROLE_PUSH_BUTTON, texts('Done')))
        try:
            status = background.wait(WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            fail('kontor --background stayed with nothing left to remind of')
        if status != 0:
            fail(f'kontor --background exited with status {status}')
        if query(soon, "SELECT done FROM activity WHERE subject = ?", 'Call the bank')[0] != 1:
            fail('the task answered from the background is not done')
        ok('kontor --background shows a reminder without a window, and ends once it is done')
        daemon.terminate()
        daemon.wait()
        daemon = start(DAEMON)

        db = os.path.join(tmp, 'k.db')
        subprocess.run([make_db, db, 'Call back Anna', '-5', 'Send the offer', '-5',
                        'Plan the visit', str(LATER_SECONDS)], check=True, env=env,
                       capture_output=True)
        app = start(kontor, '--database', db)

        # 2. the first bubble, a picture of it, its "Done" clicked
        first = wait_for('the first reminder’s bubble',
                         lambda: bubble(pyatspi, texts.reminder('Call back Anna')))
        bubble_window = wait_for('the bubble on the display',
                                 lambda: visible_windows(daemon.pid))[0]
        screenshot(bubble_window, 'reminder')
        click_at(find_in(pyatspi, first, pyatspi.ROLE_PUSH_BUTTON, texts('Done')))
        wait_for('the task done in the database',
                 lambda: query(db, "SELECT done FROM activity WHERE subject = ?",
                               'Call back Anna')[0] == 1)
        ok('the bubble’s “Done”, clicked, ticks the task off')

        second = wait_for('the second reminder’s bubble',
                          lambda: bubble(pyatspi, texts.reminder('Send the offer')))
        clicked = int(time.time())
        click_at(find_in(pyatspi, second, pyatspi.ROLE_PUSH_BUTTON, texts('Snooze an Hour')))
        wait_for('the reminder an hour later in the database',
                 lambda: query(db, "SELECT remind_at FROM activity WHERE subject = ?",
                               'Send the offer')[0] >= clicked + 3600 - 60)
        if query(db, "SELECT done FROM activity WHERE subject = ?", 'Send the offer')[0] != 0:
            fail('the snoozed task is done')
        ok('the bubble’s “Snooze an Hour”, clicked, puts the reminder off an hour')

        # 3. one process: a second start hands over, another database is a
        # second window of the first process
        again = start(kontor, '--database', db)
        if again.wait(WAIT_SECONDS) != 0:
            fail(f'the second start exited with status {again.returncode}')
        if app.poll() is not None:
            fail(f'kontor exited with status {app.returncode}')
        if len(visible_windows(app.pid)) != 1:
            fail('the second start on the same database did not leave one window')
        other = start(kontor, '--database', os.path.join(tmp, 'other.db'))
        if other.wait(WAIT_SECONDS) != 0:
            fail(f'the start on another database exited with status {other.returncode}')
        wait_for('a second window in the first process', lambda: len(visible_windows(app.pid)) == 2)
        ok('a second start goes to the first process; another database is a window of it')

        # 4. the windows closed: the process stays for "Plan the visit"
        kontor_app = wait_for('kontor on the accessibility bus',
                              lambda: app_named(pyatspi, 'kontor'))
        for window in [w for w in kontor_app if w is not None]:
            do_action(find_in(pyatspi, window, pyatspi.ROLE_PUSH_BUTTON,
                              texts.gtk.gettext('Close')))
        wait_for('the windows closing', lambda: len(visible_windows(app.pid)) == 0)
        if query(db, "SELECT reminded_at FROM activity WHERE subject = ?",
                  'Plan the visit')[0] != 0:
            fail(f'“Plan the visit” came before the windows were closed: more than '
                 f'{LATER_SECONDS} s for the steps before (a very slow machine?)')
        if app.poll() is not None:
            fail(f'kontor ended with its windows, status {app.returncode}, with a reminder '
                 'to come')
        ok('with its windows closed and a reminder to come, kontor stays')

        later = wait_for('the later reminder’s bubble, from the background',
                         lambda: bubble(pyatspi, texts.reminder('Plan the visit')))
        if visible_windows(app.pid):
            fail('a window came with the reminder')
        click_at(find_in(pyatspi, later, pyatspi.ROLE_LABEL, texts.reminder('Plan the visit')))
        # the window and the task's dialog over it
        wait_for('the window and the task after the bubble’s “Open”',
                 lambda: len(visible_windows(app.pid)) == 2)
        ok('the reminder shows from the background and “Open” brings a window back, '
           'with the task')

        # 5. Quit, as GNOME Shell asks it (org.freedesktop.Application), with
        # a window on a database whose reminder is an hour away: no
        # background, the process ends
        later_db = os.path.join(tmp, 'later.db')
        subprocess.run([make_db, later_db, 'Book the fair', '3600'], check=True, env=env,
                       capture_output=True)
        if start(kontor, '--database', later_db).wait(WAIT_SECONDS) != 0:
            fail('the start on a third database failed')
        wait_for('the third database’s window', lambda: len(visible_windows(app.pid)) == 3)
        subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.kontor.Kontor',
                        '--object-path', '/io/github/kontor/Kontor', '--method',
                        'org.freedesktop.Application.ActivateAction', 'quit', '[]', '{}'],
                       check=True, env=env, capture_output=True)
        try:
            status = app.wait(WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            fail('kontor stayed in the background after Quit')
        if status != 0:
            fail(f'kontor exited with status {status} after Quit')
        ok('Quit ends kontor even with a reminder to come')
        print(f'1..{step}')
        return 0
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                process.wait()
        launcher.terminate()
        launcher.wait()
        log.seek(0)
        for line in log:
            print('# ' + line.rstrip())
        log.close()


def main():
    if len(sys.argv) != 4:
        print(f'usage: {sys.argv[0]} KONTOR SCHEMA_DIR MAKE_REMINDER_DB', file=sys.stderr)
        return 2
    kontor, schemas, make_db = sys.argv[1:]

    ensure_pyatspi()
    if not os.environ.get('DISPLAY'):
        unavailable('no X display')
    for tool in ('xdotool', 'import', 'dbus-run-session'):
        if shutil.which(tool) is None:
            unavailable(f'{tool} is missing')
    if not os.access(DAEMON, os.X_OK):
        unavailable('notification-daemon is missing')
    if 'KONTOR_NOTIFY_TMP' not in os.environ:
        return run_in_private_session()
    return run_test(kontor, schemas, make_db)


if __name__ == '__main__':
    sys.exit(main())
