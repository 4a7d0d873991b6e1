import { useEffect, useRef } from 'react';
import { basicSetup, EditorView } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { linter, lintGutter } from '@codemirror/lint';
import { yamlSchema } from 'codemirror-json-schema/yaml';
import type { JSONSchema7 } from 'json-schema';
import type { Problem } from '../../api/types';
import { editorTheme } from './editor-theme';
import { problemsToDiagnostics } from './problem-diagnostics';

interface Props {
  initialDoc: string;
  /** The playbook JSON Schema (`GET /api/schemas/playbook.schema.json`): completion, hover, shape errors. */
  schema: JSONSchema7 | undefined;
  /** Checks the document on the server as the author types; resolves to its problems. */
  check(doc: string): Promise<Problem[]>;
  onChange(doc: string): void;
  /** Lets the page move the cursor to a problem. */
  viewRef: { current: EditorView | null };
}

/** CodeMirror 6 with YAML, the playbook schema and the server's validation as lint markers. */
export function YamlEditor({ initialDoc, schema, check, onChange, viewRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef({ check, onChange });
  latest.current = { check, onChange };

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialDoc,
        extensions: [
          basicSetup,
          yamlSchema(schema),
          editorTheme,
          lintGutter(),
          linter(async (v) => problemsToDiagnostics(v.state.doc, await latest.current.check(v.state.doc.toString())), { delay: 500 }),
          EditorView.contentAttributes.of({ 'aria-label': 'Playbook YAML', 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => u.docChanged && latest.current.onChange(u.state.doc.toString())),
        ],
      }),
    });
    // The scroller must be reachable by keyboard (axe: scrollable-region-focusable).
    view.scrollDOM.tabIndex = 0;
    view.scrollDOM.setAttribute('aria-label', 'Playbook YAML, scrollable');
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // The editor is created once per document and schema; later edits live in CodeMirror's state.
  }, [initialDoc, schema, viewRef]);

  return <div ref={host} className="yaml-editor" />;
}
