"""The Lesson panel: choose a section or exercise of the chapter, read it, try it.

It shows the lesson's title and text in the UI language, its "try this" steps as a checklist,
and a button that asks for the lesson's preset. The learner does not tick the steps: once the
preset is loaded, the window watches what happens (gui/shell/lesson_watcher.py) and calls
show_done, so a ticked step is one that really happened. The panel never touches the
Session: it emits lessonRequested(lesson) and the main window decides (asks about unsaved
work, then calls gui.lessons.apply_lesson and shows the lesson's panels).

A language switch happens in place: the panel's own words come from the translator, and the
lessons (data written in both languages) follow the language of the installed translation.
The chosen lesson and the ticked steps stay as they were.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linreg_lab.gui.state.lessons import Lesson, load_lessons
from linreg_lab.gui.state.session import Session
from linreg_lab.gui.widgets.retranslating import Retranslating

SIDE_BY_SIDE_WIDTH = 720  # below this width the steps go under the text, not beside it


def resolve_language(language: str | None) -> str:
    """'zh_CN' for any Chinese code, else 'en' (the two languages lessons are written in)."""
    return "zh_CN" if (language or "").lower().startswith("zh") else "en"


def translation_language() -> str:
    """The language of the installed translation: the Chinese .qm says 'zh_CN', none 'en'."""
    return resolve_language(QCoreApplication.translate(
        "LessonPanel", "en", "the code of the language translated into: en or zh_CN"))


def lesson_html(lesson: Lesson, language: str) -> str:
    """The lesson text as rich text: blank lines separate paragraphs."""
    paragraphs = lesson.text.in_language(language).split("\n\n")
    body = "".join(f"<p>{p.strip().replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f"<div>{body}</div>"  # text colour from the palette, so dark mode reads too


class LessonPanel(Retranslating, QWidget):
    """Lesson chooser, text, a "try this" list that ticks itself, and a preset button."""

    lessonRequested = Signal(object)  # the Lesson whose preset the learner asked for

    def __init__(self, session: Session | None = None, parent: QWidget | None = None, *,
                 lessons: list[Lesson] | None = None, language: str | None = None):
        """`session` is unused (lessons are data; the window applies them); `language`
        defaults to the installed translation's."""
        super().__init__(parent)
        self.setObjectName("lessonPanel")
        self._lessons = (list(lessons) if lessons is not None
                         else load_lessons(schema_checked=False))
        self._language = resolve_language(language or translation_language())
        self._ticks = {lesson.id: [False] * len(lesson.steps) for lesson in self._lessons}
        self._active: str | None = None  # the lesson whose preset was loaded last
        self._make_widgets()
        self._lay_out()
        self._connect()
        self._fill_chooser()
        self._show_lesson()
        self.retranslate()

    # ----- construction -----------------------------------------------------------------
    def _make_widgets(self) -> None:
        self.chooser = QComboBox()
        self.chooser.setObjectName("lessonChooser")
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(24)
        self.title_label = QLabel()
        self.title_label.setObjectName("lessonTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.text_view = QTextBrowser()
        self.text_view.setObjectName("lessonText")
        self.text_view.setOpenLinks(False)
        self.try_label = QLabel()
        self.try_label.setObjectName("lessonTryHeading")
        bold = self.try_label.font()
        bold.setBold(True)
        self.try_label.setFont(bold)
        self.steps_list = QListWidget()
        self.steps_list.setObjectName("lessonSteps")
        self.steps_list.setWordWrap(True)
        self.steps_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.steps_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.steps_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.steps_list.setSpacing(4)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("lessonProgress")
        self.progress_label.setWordWrap(True)
        self.load_button = QPushButton()
        self.load_button.setObjectName("loadLessonButton")
        self.load_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def _lay_out(self) -> None:
        reading = QVBoxLayout()
        reading.addWidget(self.chooser)
        reading.addWidget(self.title_label)
        reading.addWidget(self.text_view, 1)
        doing = QVBoxLayout()
        doing.addWidget(self.try_label)
        doing.addWidget(self.steps_list, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.progress_label, 1)
        footer.addWidget(self.load_button)
        doing.addLayout(footer)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.addLayout(reading, 3)
        self._layout.addLayout(doing, 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side in a wide tab, stacked in a narrow dock."""
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        direction = (QBoxLayout.Direction.LeftToRight if wide
                     else QBoxLayout.Direction.TopToBottom)
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
        super().resizeEvent(event)

    def _connect(self) -> None:
        self.chooser.currentIndexChanged.connect(self._show_lesson)
        self.load_button.clicked.connect(self._request)

    def changeEvent(self, event: QEvent) -> None:
        """A new translation: the lessons follow its language, then retranslate() runs."""
        if event.type() == QEvent.Type.LanguageChange:
            language = resolve_language(translation_language())
            if language != self._language:  # retranslate() shows the lesson in it next
                self._language = language
                self._fill_chooser()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The panel's own words (not the lessons', which are data in both languages)."""
        self.try_label.setText(self.tr("Try this"))
        self.load_button.setText(self.tr("Load this lesson's preset"))
        tips = {
            self.chooser: (self.tr("Lesson"), self.tr(
                "Choose a section or exercise of the chapter to read and try.")),
            self.text_view: (self.tr("Lesson text"), self.tr(
                "What this part of the chapter says, in short.")),
            self.steps_list: (self.tr("Try this steps"), self.tr(
                "Things to do in the lab; each one ticks itself when you have done it.")),
            self.load_button: (self.tr("Load this lesson's preset"), self.tr(
                "Replace the data and settings with this lesson's experiment (Undo brings "
                "the old data back).")),
            self.progress_label: (self.tr("Steps done"), self.tr(
                "How many of this lesson's steps you have done since loading its preset.")),
        }
        for widget, (name, tip) in tips.items():
            widget.setAccessibleName(name)
            widget.setToolTip(tip)
        self.setAccessibleName(self.tr("Lesson"))
        self._show_lesson()

    # ----- public API -------------------------------------------------------------------
    def lessons(self) -> list[Lesson]:
        return list(self._lessons)

    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """Show titles, texts and steps in `language` ('en' or 'zh_CN'); ticks are kept."""
        language = resolve_language(language)
        if language != self._language:
            self._language = language
            self._fill_chooser()
            self._show_lesson()

    def current_lesson(self) -> Lesson | None:
        row = self.chooser.currentIndex()
        return self._lessons[row] if 0 <= row < len(self._lessons) else None

    def set_current_lesson(self, lesson_id: str) -> None:
        """Show the lesson with this id (the Lessons menu can call this)."""
        for row, lesson in enumerate(self._lessons):
            if lesson.id == lesson_id:
                self.chooser.setCurrentIndex(row)
                return
        raise KeyError(f"no lesson with id {lesson_id!r}")

    def ticked(self, lesson_id: str) -> tuple[bool, ...]:
        """Which of a lesson's steps have been done."""
        return tuple(self._ticks[lesson_id])

    def active_lesson(self) -> str | None:
        """The id of the lesson whose preset was loaded last (its steps are being watched)."""
        return self._active

    def show_done(self, lesson_id: str, done: tuple[bool, ...], *,
                  preset_loaded: bool = False) -> None:
        """Tick the steps that happened; `preset_loaded` marks the lesson as the one watched
        (its notice says where the old data went)."""
        if len(done) != len(self._ticks[lesson_id]):
            raise ValueError(f"{lesson_id} has {len(self._ticks[lesson_id])} steps")
        self._ticks[lesson_id] = list(done)
        if preset_loaded:
            self._active = lesson_id
        current = self.current_lesson()
        if current is not None and current.id == lesson_id:
            self._show_ticks()

    def _show_ticks(self) -> None:
        """Tick the shown steps in place: the text and the lists keep where they were
        scrolled to while the learner reads."""
        lesson = self.current_lesson()
        if lesson is None:
            return
        for row, step in enumerate(lesson.steps):
            done = self._ticks[lesson.id][row]
            fresh = self._step_item(step.in_language(self._language), done)
            item = self.steps_list.item(row)
            for role in (Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleDescriptionRole):
                item.setData(role, fresh.data(role))
        self._show_progress()

    # ----- model → widgets --------------------------------------------------------------
    def _fill_chooser(self) -> None:
        with QSignalBlocker(self.chooser):
            row = max(self.chooser.currentIndex(), 0)
            self.chooser.clear()
            for lesson in self._lessons:
                title = lesson.title.in_language(self._language)
                self.chooser.addItem(f"{lesson.order}. {title}", lesson.id)
            self.chooser.setCurrentIndex(min(row, len(self._lessons) - 1))

    def _show_lesson(self) -> None:
        lesson = self.current_lesson()
        self.load_button.setEnabled(lesson is not None)
        with QSignalBlocker(self.steps_list):
            self.steps_list.clear()
            if lesson is not None:
                for step, done in zip(lesson.steps, self._ticks[lesson.id], strict=True):
                    self.steps_list.addItem(self._step_item(step.in_language(self._language),
                                                            done))
        if lesson is None:
            self.title_label.clear()
            self.text_view.clear()
        else:
            self.title_label.setText(lesson.title.in_language(self._language))
            self.text_view.setHtml(lesson_html(lesson, self._language))
        self._show_progress()

    def _show_progress(self) -> None:
        lesson = self.current_lesson()
        if lesson is None:
            self.progress_label.clear()
            return
        ticks = self._ticks[lesson.id]
        count = self.tr("{done} of {total} done").format(done=sum(ticks), total=len(ticks))
        if lesson.id == self._active:
            note = self.tr("Preset loaded: each step ticks itself when you have done it. "
                           "Your previous data are one Undo (Ctrl+Z) away.")
        else:
            note = self.tr("Load this lesson's preset to start: each step then ticks itself "
                           "when you have done it.")
        self.progress_label.setText(self.tr("{count}. {note}", "steps done, then the notice")
                                    .format(count=count, note=note))

    def _step_item(self, text: str, done: bool) -> QListWidgetItem:
        """A step: ticked when done (not by hand), its state also said in words."""
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        state = self.tr("Done") if done else self.tr("Not done yet")
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, state)
        item.setToolTip(state)
        return item

    # ----- widgets → requests -----------------------------------------------------------

    def _request(self) -> None:
        lesson = self.current_lesson()
        if lesson is not None:
            self.lessonRequested.emit(lesson)
