import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * Editor colours from the page's CSS custom properties, so light and dark themes both keep AA
 * contrast (CodeMirror's default highlight colours fail it on a dark background).
 */
export const editorTheme = [
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--hl-key)' },
      { tag: [tags.string, tags.special(tags.string), tags.content], color: 'var(--hl-string)' },
      { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--hl-atom)' },
      { tag: [tags.comment, tags.lineComment], color: 'var(--muted)', fontStyle: 'italic' },
      { tag: [tags.punctuation, tags.separator, tags.meta], color: 'var(--text)' },
    ]),
  ),
  EditorView.theme({
    '&': { color: 'var(--text)', backgroundColor: 'var(--bg)' },
    '.cm-content': { caretColor: 'var(--text)' },
    '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
    '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--code)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--run-bg)' },
    '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  }),
];
