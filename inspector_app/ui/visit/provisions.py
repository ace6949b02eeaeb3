"""The full text of the provisions an item cites, a keystroke (Ctrl+Shift+L) away."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from inspector_app.services.reference import Found, ProvisionText


class ProvisionDialog(QDialog):
    def __init__(
        self, title: str, provisions: list[ProvisionText], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("provision-dialog")
        self.setWindowTitle(self.tr("Legal basis: {item}").format(item=title))
        self.text = QTextBrowser(self)
        self.text.setObjectName("provision-text")
        self.text.setOpenLinks(False)
        self.text.setHtml(self.render(provisions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def render(self, provisions: list[ProvisionText]) -> str:
        if not provisions:
            none = self.tr("This item cites no provision.")  # lupdate skips f-strings
            return f"<p><i>{escape(none)}</i></p>"
        parts = []
        for p in provisions:
            parts.append(f"<h3>{escape(p.cited)}</h3>")
            if p.found is not Found.ARTICLE or p.article is None:
                parts.append(f"<p style='color:#b71c1c'>{escape(self._missing(p))}</p>")
                continue
            source = self.tr("{law}, version of {version}").format(
                law=p.law or "", version=p.version
            )
            chapter = f" · {p.article.chapter}" if p.article.chapter else ""
            parts.append(f"<p style='color:gray'>{escape(source + chapter)}</p>")
            wanted = p.citation.paragraph if p.citation is not None else None
            item = p.citation.item if p.citation is not None else None
            for n, paragraph in enumerate(p.article.paragraphs, start=1):
                lead = f"<b>{escape(p.article.label)}</b>　" if n == 1 else ""
                style = " style='background:#fff3cd'" if wanted == n and item is None else ""
                parts.append(f"<p{style}>{lead}{escape(paragraph.text)}</p>")
                for m, line in enumerate(paragraph.items, start=1):
                    mark = wanted in (None, n) and item == m
                    style = "margin-left:2em" + ("; background:#fff3cd" if mark else "")
                    parts.append(f"<p style='{style}'>{escape(line)}</p>")
        return "\n".join(parts)

    def _missing(self, p: ProvisionText) -> str:
        if p.found is Found.NOT_A_CITATION:
            return self.tr("This names no article of a law (《…》第…条).")
        if p.found is Found.LAW_NOT_SHIPPED:
            law = p.citation.law if p.citation is not None else ""
            return self.tr("The text of 《{law}》 is not on this laptop yet.").format(law=law)
        article = p.citation.article if p.citation is not None else 0
        return self.tr("《{law}》 ({version}) has no article {n}.").format(
            law=p.law or "", version=p.version, n=article
        )
