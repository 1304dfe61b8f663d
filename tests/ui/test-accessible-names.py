#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-accessible-names.py KONTOR SCHEMA_DIR
#
# What a screen reader finds: starts the app on a demo team with GTK's
# AT-SPI backend, inside a D-Bus session and an accessibility bus of the
# test's own, and walks the accessible tree with pyatspi, a real AT-SPI
# client as Orca is one: the table with the main menu, the status
# filter's list and the column chooser of its header, the Preferences
# (every page), the Keyboard Shortcuts and the Export Contacts windows,
# the import dialog of a second start with --import, the pipeline board
# with the popovers of a card and a column and the board settings, a
# contact's page with its popovers (dates, colleagues, menu) and the
# lists of its combo rows, the question before a delete and the "New
# Contact" dialog with the lists of its combo rows,
# reached by AT-SPI actions (clicking the "Board" toggle, the menu
# buttons, the items of a menu, a card's "Edit" button, the "New Contact"
# button) and closed again the same way. The column chooser has no
# action in GTK 4.8, only the right mouse button (as Orca offers it):
# that one is a right click with xdotool where AT-SPI says the column
# title is; a combo row has none either, so it is reached with Tab and
# opened with Enter, as a person does without a mouse. It fails listing every interactive control (buttons,
# toggles, check boxes, entries, combo boxes, focusable list items, ...)
# and every window whose name is empty or only a GTK type name
# ("GtkToggleButton"), which is what GTK says when nobody gave the
# control a name; whose name says the same twice ("_Save Save",
# "Choose Sales Reps Sales Reps": a control labelled both by its own
# label and by another widget); or whose name still holds a mnemonic
# underscore ("_Delete"), which a screen reader spells out.
#
# The GTests check names through GTK_A11Y=test inside GTK; this is the
# proof that they also reach an assistive technology over the bus.
#
# Without pyatspi (Debian: python3-pyatspi), at-spi-bus-launcher
# (at-spi2-core), dbus-run-session, xdotool or an X display it exits 77 (skipped)
# with a message, unless CI=true: then a missing piece is a failure.
# Set KONTOR_A11Y_DUMP=1 to print the whole tree.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

BUS_LAUNCHER_PATHS = ('/usr/libexec/at-spi-bus-launcher',
                      '/usr/lib/at-spi2-core/at-spi-bus-launcher')
SYSTEM_PYTHON = '/usr/bin/python3'
# Bounds for waiting on the app; never a measure of speed.
WAIT_SECONDS = 60

# A name GTK falls back to when a control has none: its type name
TYPE_NAME = re.compile(r'^(Gtk|Adw|Kontor)[A-Z][A-Za-z0-9]*$')
# A mnemonic underscore left in a name: "_Save", "Save _As"
MNEMONIC = re.compile(r'(^|[\s(“"])_[^\s_]')


def name_problem(name):
    """What is wrong with the name of a control, or None."""
    name = name.strip()
    if not name or TYPE_NAME.match(name):
        return 'no name'
    words = name.replace('_', '').split()
    # the end said twice: "Digits Digits", "Choose Sales Reps Sales Reps"
    for n in range(1, len(words) // 2 + 1):
        if words[-n:] == words[-2 * n:-n]:
            return 'said twice'
    if MNEMONIC.search(name):
        return 'mnemonic underscore'
    return None


def unavailable(reason):
    """A piece of the test environment is missing: skip, or fail in CI."""
    if os.environ.get('CI') == 'true':
        print(f'not ok 1 - {reason} (CI=true: a missing piece is a failure)')
        sys.exit(1)
    print(f'1..0 # SKIP {reason}')
    sys.exit(77)


def find_bus_launcher():
    for path in BUS_LAUNCHER_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which('at-spi-bus-launcher')


def ensure_pyatspi():
    """pyatspi is Debian's, for the system's Python; a Python of one's own
    (pyenv, a venv) first in PATH does not see it: run with the system's."""
    try:
        import pyatspi  # noqa: F401
        return
    except ImportError:
        pass
    if (os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and
            os.access(SYSTEM_PYTHON, os.X_OK)):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
    unavailable('pyatspi is missing (python3-pyatspi)')


def run_in_private_session():
    """Runs this script again under a D-Bus session of its own, with its
    own runtime folder, so that the accessibility bus (whose socket lives
    there) and everything on it end with the test, and tests running at
    the same time never share it."""
    if shutil.which('dbus-run-session') is None:
        unavailable('dbus-run-session is missing (dbus-daemon)')

    tmp = tempfile.mkdtemp(prefix='kontor-a11y-')
    try:
        runtime = os.path.join(tmp, 'runtime')
        os.mkdir(runtime, 0o700)
        env = dict(os.environ,
                   KONTOR_A11Y_TMP=tmp,
                   XDG_RUNTIME_DIR=runtime)
        env.pop('DBUS_SESSION_BUS_ADDRESS', None)
        env.pop('AT_SPI_BUS_ADDRESS', None)
        return subprocess.call(['dbus-run-session', '--', sys.executable] + sys.argv,
                               env=env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def start_accessibility_bus():
    """Starts at-spi-bus-launcher on the session bus and returns the
    process and the address of the accessibility bus."""
    from gi.repository import Gio, GLib

    launcher_path = find_bus_launcher()
    if launcher_path is None:
        unavailable('at-spi-bus-launcher is missing (at-spi2-core)')

    # Without DISPLAY the launcher does not publish the bus on the X root
    # window, where other tests on the same display would find it.
    env = dict(os.environ)
    env.pop('DISPLAY', None)
    launcher = subprocess.Popen([launcher_path, '--launch-immediately'], env=env)

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if launcher.poll() is not None:
            break
        try:
            # NO_AUTO_START: ours, not one D-Bus would start in its place
            reply = bus.call_sync('org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus',
                                  'GetAddress', None, GLib.VariantType('(s)'),
                                  Gio.DBusCallFlags.NO_AUTO_START, 5000, None)
            return launcher, reply.unpack()[0]
        except GLib.Error:
            time.sleep(0.1)

    launcher.kill()
    launcher.wait()
    unavailable('the accessibility bus did not start (at-spi-bus-launcher)')


class Walk:
    """Looks at every accessible under a root, notes the controls without
    a name, and keeps what it saw for finding things."""

    def __init__(self, pyatspi):
        self.pyatspi = pyatspi
        p = pyatspi
        self.interactive = {
            p.ROLE_PUSH_BUTTON, p.ROLE_PUSH_BUTTON_MENU, p.ROLE_TOGGLE_BUTTON,
            p.ROLE_CHECK_BOX, p.ROLE_RADIO_BUTTON, p.ROLE_COMBO_BOX,
            p.ROLE_ENTRY, p.ROLE_PASSWORD_TEXT, p.ROLE_SPIN_BUTTON,
            p.ROLE_SLIDER, p.ROLE_LINK, p.ROLE_MENU_ITEM,
            p.ROLE_CHECK_MENU_ITEM, p.ROLE_RADIO_MENU_ITEM, p.ROLE_PAGE_TAB,
        }
        # named when the focus can land on them
        self.focusable_items = {p.ROLE_LIST_ITEM, p.ROLE_TABLE_ROW, p.ROLE_TABLE_CELL,
                                p.ROLE_TREE_ITEM}
        # a focusable one of these is one stop; what is inside is its own
        # business (the current value of a combo box, a button's label)
        self.closed = {
            p.ROLE_PUSH_BUTTON, p.ROLE_TOGGLE_BUTTON, p.ROLE_CHECK_BOX,
            p.ROLE_RADIO_BUTTON, p.ROLE_COMBO_BOX, p.ROLE_ENTRY, p.ROLE_TEXT,
            p.ROLE_PASSWORD_TEXT, p.ROLE_SPIN_BUTTON,
        }
        # named whatever they hold: what a screen reader says on entering
        self.windows = {p.ROLE_FRAME, p.ROLE_DIALOG, p.ROLE_ALERT}
        self.problems = {}      # where → how many, the most one walk found
        self.n_checked = 0
        self.dump = os.environ.get('KONTOR_A11Y_DUMP') == '1'

    def needs_name(self, role, states):
        p = self.pyatspi
        if role in self.interactive or role in self.windows:
            return True
        if role in self.focusable_items:
            return states.contains(p.STATE_FOCUSABLE)
        if role == p.ROLE_TEXT:
            return states.contains(p.STATE_EDITABLE)
        return False

    def walk(self, root):
        """Returns [(accessible, role, name, states, path)] of everything
        under @root, checked."""
        seen = []
        problems = {}
        self._visit(root, (), seen, problems)
        for where, count in problems.items():
            self.problems[where] = max(count, self.problems.get(where, 0))
        return seen

    def _visit(self, accessible, path, seen, problems):
        p = self.pyatspi
        try:
            role = accessible.getRole()
            role_name = accessible.getRoleName()
            name = accessible.name or ''
            states = accessible.getState()
            children = list(accessible)
        except Exception:       # gone while walking: a row scrolled away
            return

        where = path + (f'{role_name} “{name}”' if name else role_name,)
        seen.append((accessible, role, name, states, where))
        if self.dump:
            focus = ' [focusable]' if states.contains(p.STATE_FOCUSABLE) else ''
            print('#' + '  ' * len(path) + where[-1] + focus)

        if self.needs_name(role, states):
            self.n_checked += 1
            problem = name_problem(name)
            if problem is not None:
                key = f'{problem}: ' + ' > '.join(where[-4:])
                problems[key] = problems.get(key, 0) + 1
            if role in self.closed and states.contains(p.STATE_FOCUSABLE):
                return

        for child in children:
            if child is not None:
                self._visit(child, where, seen, problems)


def pick(seen, role, name):
    """The accessibles of a walk with @role and @name."""
    return [a for (a, r, n, _, _) in seen if r == role and n == name]


def fail(message):
    print(f'not ok 1 - {message}')
    sys.exit(1)


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


def click(accessible):
    action = accessible.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == 'click':
            action.doAction(i)
            return
    fail(f'“{accessible.name}” cannot be clicked')


def open_popover(walk, button, label, close_with_escape=False):
    """Clicks the inner button of a menu button (or a drop-down), walks
    the menu button once its popover is on the bus, and closes it again:
    a menu button with another click, a drop-down (whose button only
    opens) with Escape."""
    menu_button = button.parent
    closed = len(walk.walk(menu_button))
    click(button)
    wait_for(f'the popover of “{label}”', lambda: len(walk.walk(menu_button)) > closed)
    if close_with_escape:
        xdotool('key', 'Escape')
    else:
        click(button)


def windows(app):
    return [w for w in app if w is not None]


def unmnemonic(name):
    return name.replace('_', '').split()


def open_window(walk, app, opener, what, is_it):
    """Clicks @opener, waits for the window @is_it picks (by its name),
    walks each of its pages (the tabs of a view switcher) and returns it."""
    click(opener)
    window = wait_for(what, lambda: [w for w in windows(app) if is_it(w.name)])[0]
    seen = wait_for(f'the controls of {what}',
                    lambda: (lambda s: s if len(s) > 10 else None)(walk.walk(window)))
    # a wide window's switcher is in its header; the one of its bottom bar
    # has the same tabs, hidden
    tabs = [a for (a, r, n, st, _) in seen
            if r == walk.pyatspi.ROLE_PAGE_TAB and st.contains(walk.pyatspi.STATE_FOCUSABLE)
            and st.contains(walk.pyatspi.STATE_SHOWING)]
    for tab in {t.name: t for t in tabs}.values():
        click(tab)
        wait_for(f'the page “{tab.name}” of {what}',
                 lambda: tab.getState().contains(walk.pyatspi.STATE_SELECTED))
        walk.walk(window)
    return window


def close_window(app, window, button, what):
    """Clicks @button (found by its name, mnemonic or not) in @window
    and waits for @window to go."""
    name = window.name
    found = []

    def collect(accessible):
        try:
            if (accessible.getRoleName() == 'push button' and
                    unmnemonic(accessible.name)[-1:] == [button]):
                found.append(accessible)
            for child in accessible:
                if child is not None:
                    collect(child)
        except Exception:
            pass
    collect(window)
    if not found:
        fail(f'no “{button}” button in {what}')
    click(found[0])
    wait_for(f'{what} closing', lambda: all(w.name != name for w in windows(app)))


def xdotool(*args):
    return subprocess.run(['xdotool'] + [str(a) for a in args], check=True,
                          capture_output=True, text=True).stdout


def point_at(accessible, window_title, *then):
    """The pointer to the middle of @accessible, then the xdotool
    commands @then: GTK 4.8 reports places in its window, xdotool finds
    where the window is."""
    x, y, width, height = accessible.queryComponent().getExtents(1)   # ATSPI_COORD_TYPE_WINDOW
    window = xdotool('search', '--onlyvisible', '--name', f'^{window_title}$').split()[0]
    geometry = dict(line.split('=') for line in
                    xdotool('getwindowgeometry', '--shell', window).split())
    xdotool('mousemove', int(geometry['X']) + x + width // 2,
            int(geometry['Y']) + y + height // 2, *then)


def open_combo_row(walk, pyatspi, combo):
    """Opens the list of a combo row as a person does with the keyboard
    (the row has no AT-SPI action in GTK 4.8, and may be scrolled out of
    sight): Tab until the row has the focus, Enter, then walks the list
    and closes it with Escape. The row is one stop for the walk, so its
    list is walked from the row's children."""
    def inside():
        return [seen for child in combo if child is not None
                for seen in walk.walk(child)]
    for _ in range(100):
        if combo.getState().contains(pyatspi.STATE_FOCUSED):
            break
        xdotool('key', 'Tab')
        time.sleep(0.05)
    else:
        fail(f'Tab never reached “{combo.name}”')
    closed = len(inside())
    xdotool('key', 'Return')
    wait_for(f'the list of “{combo.name}”', lambda: len(inside()) > closed)
    xdotool('key', 'Escape')


def open_combo_rows(walk, pyatspi, seen, where, labels):
    """Opens and walks the lists of the combo rows @labels among @seen."""
    for label in labels:
        combos = [a for (a, r, n, st, _) in seen if r == pyatspi.ROLE_COMBO_BOX and n == label
                  and st.contains(pyatspi.STATE_FOCUSABLE)]
        if not combos:
            fail(f'no “{label}” choice in {where}')
        open_combo_row(walk, pyatspi, combos[0])


def right_click(accessible, window_title):
    point_at(accessible, window_title, 'click', '3')


SECOND_START = {}


def run_test(kontor, schemas):
    tmp = os.environ['KONTOR_A11Y_TMP']
    launcher, address = start_accessibility_bus()
    os.environ['AT_SPI_BUS_ADDRESS'] = address

    import pyatspi

    env = dict(os.environ,
               GTK_A11Y='atspi',
               GSETTINGS_SCHEMA_DIR=schemas,
               AT_SPI_BUS_ADDRESS=address)
    # tests/meson.build keeps the other tests off the bus; this one is on it
    env.pop('NO_AT_BRIDGE', None)
    log = open(os.path.join(tmp, 'kontor.log'), 'w+')
    # for a second start with --import, handed to this one
    SECOND_START.update(kontor=kontor, env=env, db=os.path.join(tmp, 'k.db'), tmp=tmp)
    app_process = subprocess.Popen([kontor, '--database', os.path.join(tmp, 'k.db'), '--demo'],
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        return walk_app(pyatspi, app_process)
    finally:
        app_process.terminate()
        app_process.wait()
        launcher.terminate()
        launcher.wait()
        log.seek(0)
        for line in log:
            print('# kontor: ' + line.rstrip())
        log.close()


def walk_app(pyatspi, app_process):
    P = pyatspi
    desktop = P.Registry.getDesktop(0)

    def find_app():
        if app_process.poll() is not None:
            fail(f'kontor exited with status {app_process.returncode}')
        for app in desktop:
            if app is not None and app.name == 'kontor' and windows(app):
                return app
        return None

    app = wait_for('the window appearing on the accessibility bus', find_app)
    window = windows(app)[0]
    walk = Walk(P)
    shown = []

    # The table, with the demo team in it
    seen = wait_for('the table filling',
                    lambda: (lambda s: s if any(r == P.ROLE_TABLE_ROW for (_, r, *_) in s)
                             else None)(walk.walk(window)))
    shown.append('table')

    # The first start's question, once the sample team is there: who
    # works here; "Continue" keeps the choice
    question = wait_for('the first start’s question',
                        lambda: [w for w in windows(app) if w.name == 'Who Are You?'])[0]
    # its list is a combo row's like those walked on the contact page
    # below (there Enter opens it; here Enter answers the question)
    if not pick(walk.walk(question), P.ROLE_COMBO_BOX, 'I Am'):
        fail('no “I Am” choice in the first start’s question')
    close_window(app, question, 'Continue', 'the first start’s question')
    xdotool('search', '--onlyvisible', '--name', f'^{window.name}$', 'windowfocus', '--sync')
    shown.append('first start question')

    def focusable_buttons(seen, label):
        return [a for (a, r, n, st, _) in seen
                if r == P.ROLE_PUSH_BUTTON and n == label and st.contains(P.STATE_FOCUSABLE)]

    def menu_items(seen, label):
        return [a for (a, r, n, *_) in seen
                if r in (P.ROLE_MENU_ITEM, P.ROLE_CHECK_MENU_ITEM) and
                unmnemonic(n) == label.split()]

    def button(label, where=None):
        """The focusable button @label, once it is on the bus."""
        return wait_for(f'the “{label}” button',
                        lambda: focusable_buttons(walk.walk(where or window), label))[0]

    # The status filter's list, the popover of a drop-down
    open_popover(walk, button('Status Filter'), 'Status Filter', close_with_escape=True)
    shown.append('status filter')

    # The "Advanced" filter panel, opened with its shortcut as a person
    # does: every criterion's control is walked while it is open
    xdotool('key', 'ctrl+shift+f')
    button('Reset Filters')
    xdotool('key', 'ctrl+shift+f')
    shown.append('filter panel')

    # A selection: a click on a row, Ctrl+A, the action bar and its group
    # menu; the bar's "Clear Selection" takes it away again
    rows = [a for (a, r, *_) in walk.walk(window) if r == P.ROLE_TABLE_ROW]
    point_at(rows[len(rows) // 2], window.name, 'click', '1')
    xdotool('key', 'ctrl+a')
    clear = button('Clear Selection')
    open_popover(walk, button('Groups'), 'Groups')
    click(clear)
    wait_for('the action bar going',
             lambda: not [a for (a, r, n, st, _) in walk.walk(window)
                          if r == P.ROLE_PUSH_BUTTON and n == 'Clear Selection'
                          and st.contains(P.STATE_SHOWING)])
    shown.append('action bar')

    # The column chooser: the menu of a column title, which the right
    # mouse button opens (or Menu on a focused title; Escape closes it).
    # A title has the role COLUMN_HEADER, which GTK 4.8 tells as a filler.
    column_titles = [a for (a, r, n, st, where) in seen
                     if r == P.ROLE_COLUMN_HEADER or
                     (len(where) > 1 and where[-2] == 'table row “Column Titles”' and
                      st.contains(P.STATE_FOCUSABLE))]
    if not column_titles:
        fail('no column title in the table')
    # the first: the last may be scrolled out of the window's width
    title = column_titles[0]
    closed = len(walk.walk(title))
    right_click(title, window.name)
    wait_for('the column chooser', lambda: len(walk.walk(title)) > closed)
    if not [a for (a, r, n, *_) in walk.walk(title) if r == P.ROLE_CHECK_MENU_ITEM or
            r == P.ROLE_MENU_ITEM]:
        fail('the column chooser has no items')
    xdotool('key', 'Escape')
    shown.append('column chooser')

    # The main menu, and the windows two of its items open
    def main_menu_item(label):
        main_menu = button('Main Menu')
        click(main_menu)
        items = wait_for(f'the main menu’s “{label}”',
                         lambda: menu_items(walk.walk(main_menu.parent), label))
        return items[0]

    open_popover(walk, button('Main Menu'), 'Main Menu')
    preferences = open_window(walk, app, main_menu_item('Preferences'), 'the Preferences',
                              lambda name: name == 'Preferences')
    close_window(app, preferences, 'Close', 'the Preferences')
    shortcuts = open_window(walk, app, main_menu_item('Keyboard Shortcuts'),
                            'the keyboard shortcuts', lambda name: 'Shortcuts' in name)
    close_window(app, shortcuts, 'Close', 'the keyboard shortcuts')
    export = open_window(walk, app, main_menu_item('Export Contacts…'), 'the export dialog',
                         lambda name: name == 'Export Contacts')
    close_window(app, export, 'Cancel', 'the export dialog')
    # no window manager under Xvfb gives the focus back to the window
    xdotool('search', '--onlyvisible', '--name', f'^{window.name}$', 'windowfocus', '--sync')
    shown.append('main menu, preferences, keyboard shortcuts, export dialog')

    # The board, as a person switches to it
    board = pick(seen, P.ROLE_TOGGLE_BUTTON, 'Board') or pick(seen, P.ROLE_PUSH_BUTTON, 'Board')
    if not board:
        fail('no “Board” toggle')
    click(board[0])
    # a card has its buttons once the pointer (or the focus) comes to it
    # (the first cell of a column's grid; the table's cells, hidden in its
    # stack page, are in the walk too)
    columns = wait_for('the board’s cards',
                       lambda: [a for (a, r, n, _, _) in walk.walk(window)
                                if r == P.ROLE_TABLE and n.endswith(' contacts')
                                and a.childCount > 0])
    point_at(columns[0].getChildAtIndex(0), window.name)
    seen = wait_for('the buttons of the card under the pointer',
                    lambda: (lambda s: s if pick(s, P.ROLE_PUSH_BUTTON, 'Edit') else None)
                    (walk.walk(window)))
    shown.append('board')

    # The popovers of the first card: the colleagues to assign, the due
    # date, the columns to move to. A menu button is a button in a button;
    # the inner one opens the popover, and clicking it again closes it.
    for label in ('Due Date', 'Move To', 'Column Menu', 'Board Settings'):
        # a button just made visible may reach the bus after the walk
        buttons = (focusable_buttons(seen, label) or
                   wait_for(f'the “{label}” button',
                            lambda: focusable_buttons(walk.walk(window), label)))
        open_popover(walk, buttons[0], label)
    assign = [a for (a, r, n, st, _) in seen
              if r == P.ROLE_PUSH_BUTTON and (n == 'Assign' or n.startswith('Assigned to'))
              and st.contains(P.STATE_FOCUSABLE)]
    if not assign:
        fail('no “Assign” button on the board')
    open_popover(walk, assign[0], 'Assign')
    shown.append('card and column popovers')

    # A contact's page, opened with a card's "Edit" button (the window
    # makes the page when it is first asked for): its Back button takes
    # the focus
    click(pick(seen, P.ROLE_PUSH_BUTTON, 'Edit')[0])
    wait_for('the contact page with its focused “Back” button',
             lambda: [a for (a, r, n, st, _) in walk.walk(window)
                      if r == P.ROLE_PUSH_BUTTON and n == 'Back'
                      and st.contains(P.STATE_FOCUSED)])
    seen = walk.walk(window)
    shown.append('contact page')
    for label in ('Birthday', 'Choose Sales Reps', 'Choose Colleagues', 'Contact Menu'):
        buttons = focusable_buttons(seen, label)
        if not buttons:
            fail(f'no “{label}” button on the contact page')
        open_popover(walk, buttons[0], label)
    shown.append('its popovers')
    open_combo_rows(walk, P, seen, 'the contact page',
                    ('Salutation', 'Correspondence Language', 'Pipeline Status',
                     'Assigned Team'))
    shown.append('its lists of choices')

    # The activity dialog (issue 13), from the timeline's "Record
    # Activity" button: its rows and its lists of choices; "Cancel"
    # closes it
    record = focusable_buttons(seen, 'Record Activity')
    if not record:
        fail('no “Record Activity” button on the contact page')
    activity = open_window(walk, app, record[0], 'the activity dialog',
                           lambda name: name == 'New Activity')
    # the keys go where the pointer is (no window manager): onto it
    seen_dialog = walk.walk(activity)
    point_at(pick(seen_dialog, P.ROLE_COMBO_BOX, 'Type')[0], 'New Activity')
    xdotool('windowfocus', '--sync',
            xdotool('search', '--onlyvisible', '--name', '^New Activity$').split()[0])
    open_combo_rows(walk, P, seen_dialog, 'the activity dialog', ('Type', 'Topic'))
    close_window(app, activity, 'Cancel', 'the activity dialog')
    shown.append('activity dialog with its lists of choices')

    # The question before a delete, from the contact menu; "Cancel"
    # closes it
    contact_menu = focusable_buttons(seen, 'Contact Menu')[0]
    click(contact_menu)
    delete = wait_for('the contact menu’s “Delete…”',
                      lambda: menu_items(walk.walk(contact_menu.parent), 'Delete…'))
    question = open_window(walk, app, delete[0], 'the question before a delete',
                           lambda name: name.startswith('Delete “'))
    close_window(app, question, 'Cancel', 'the question before a delete')
    shown.append('delete question')

    # The list of all activities (issue 13), Ctrl+4 from the contacts
    # view the contact page's Back goes to; Ctrl+1 returns
    click(pick(seen, P.ROLE_PUSH_BUTTON, 'Back')[0])
    time.sleep(0.5)
    xdotool('key', 'ctrl+4')
    wait_for('the list of all activities',
             lambda: [a for (a, r, n, st, _) in walk.walk(window)
                      if n == 'Open Tasks' and r == P.ROLE_PUSH_BUTTON])
    shown.append('activities list')
    # the Today page (Ctrl+5): the sample team has overdue tasks
    xdotool('key', 'ctrl+5')
    wait_for('the Today page',
             lambda: [a for (a, r, n, st, _) in walk.walk(window)
                      if n == 'Overdue' and r == P.ROLE_LIST])
    shown.append('Today page')
    xdotool('key', 'ctrl+1')
    time.sleep(0.5)

    # The import dialog (issue 14), opened by a second start with --import
    # in this app's window: the file's settings, its columns with their
    # lists of fields, the preview; "Cancel" closes it
    csv_path = os.path.join(SECOND_START['tmp'], 'kontakte.csv')
    with open(csv_path, 'w', encoding='utf-8') as f:
        f.write('First Name,Last Name,E-mail Address,Birthday\r\n'
                'Anna,Muster,anna@example.com,15.04.1980\r\n')
    subprocess.run([SECOND_START['kontor'], '--database', SECOND_START['db'],
                    '--import', csv_path], env=SECOND_START['env'], timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    importing = wait_for('the import dialog',
                         lambda: [w for w in windows(app) if w.name == 'Import Contacts'])[0]
    wait_for('the controls of the import dialog',
             lambda: (lambda s: s if pick(s, P.ROLE_COMBO_BOX, 'Birthday') else None)
             (walk.walk(importing)))
    close_window(app, importing, 'Cancel', 'the import dialog')
    shown.append('import dialog')

    # The "New Contact" dialog, a window of its own
    new = pick(seen, P.ROLE_PUSH_BUTTON, 'New Contact')
    if not new:
        fail('no “New Contact” button')
    click(new[0])
    dialog = wait_for('the “New Contact” dialog',
                      lambda: [w for w in windows(app) if w.name == 'New Contact'])
    seen = wait_for('the controls of the “New Contact” dialog',
                    lambda: (lambda s: s if pick(s, P.ROLE_COMBO_BOX, 'Status') else None)
                    (walk.walk(dialog[0])))
    open_combo_rows(walk, P, seen, 'the “New Contact” dialog', ('Salutation', 'Status'))
    shown.append('new contact dialog with its lists of choices')

    print('1..2')
    print(f'# walked the {", ".join(shown)}: {walk.n_checked} controls')
    if walk.n_checked < 50:
        print(f'not ok 1 - only {walk.n_checked} controls found: the walk did not see the app')
        return 1
    print(f'ok 1 - {walk.n_checked} controls found')
    if walk.problems:
        print(f'not ok 2 - {len(walk.problems)} kinds of controls without a name:')
        for where, count in sorted(walk.problems.items()):
            print(f'#   {where}' + (f' (×{count})' if count > 1 else ''))
        return 1
    print('ok 2 - every control has a name')
    return 0


def main():
    if len(sys.argv) != 3:
        print(f'usage: {sys.argv[0]} KONTOR SCHEMA_DIR', file=sys.stderr)
        return 2
    kontor, schemas = sys.argv[1:]

    ensure_pyatspi()
    if not os.environ.get('DISPLAY'):
        unavailable('no X display')
    if shutil.which('xdotool') is None:
        unavailable('xdotool is missing')
    if 'KONTOR_A11Y_TMP' not in os.environ:
        return run_in_private_session()
    return run_test(kontor, schemas)


if __name__ == '__main__':
    sys.exit(main())
