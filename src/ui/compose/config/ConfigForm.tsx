// The config side of the composer: image name, platform, the runtime config fields and the
// manifest annotations. Every value is parsed as typed; problems show under the field.

import { useMemo } from 'react';
import { EPOCH } from '../../../core/build/spec.ts';
import { SPEC } from '../../shared/Explainer.tsx';
import { parseCommand } from '../fields/command.ts';
import type { ConfigDraft } from '../model/composition.ts';
import { toImageSpec } from '../model/to-spec.ts';
import { visibleAt } from '../model/stack.ts';
import { effectiveConfig, platformById, platformView } from '../model/platforms.ts';
import { useComposer } from '../store/index.ts';
import { selectActivePlatform, selectComposition, selectConfigScope } from '../store/selectors.ts';
import { ConfigScope } from './ConfigScope.tsx';
import { Field } from './Field.tsx';
import { PlatformsEditor } from './PlatformsEditor.tsx';
import { missingProgram, scriptSplitAfterDashC, unexpandedVariables } from './run-hints.ts';

export function ConfigForm() {
  const composition = useComposer(selectComposition);
  const scope = useComposer(selectConfigScope);
  const activePlatform = useComposer(selectActivePlatform);
  const { setConfigField, setOverride, setMeta } = useComposer.getState();
  // The form shows one platform's config: the scoped one's, else the active platform's.
  const shown = platformById(composition, scope ?? activePlatform);
  const { problems } = useMemo(() => toImageSpec(composition, shown.id), [composition, shown.id]);
  const c = scope === null ? composition.config : effectiveConfig(composition, shown);
  const field = (key: keyof ConfigDraft) => {
    const overridden = scope !== null && key in shown.overrides;
    return {
      anchor: `field-${key}`,
      value: c[key],
      onChange: (value: string) => (scope === null ? setConfigField(key, value) : setOverride(scope, key, value)),
      problems: problems[key],
      ...(scope !== null && {
        labelExtra: overridden ? (
          <button type="button" className="small override-reset" onClick={() => setOverride(scope, key, undefined)} title="Use the value all platforms share">
            own value · use shared
          </button>
        ) : (
          <span className="muted small">shared</span>
        ),
      }),
    };
  };
  const view = platformView(composition, shown.id);
  const files = { get: (path: string) => visibleAt(view, path) };
  const parsedEntrypoint = parseCommand(c.entrypoint).value;
  const parsedCmd = parseCommand(c.cmd).value;
  const entrypoint = parsedEntrypoint ?? [];
  const cmd = parsedCmd ?? [];
  const argv = entrypoint.length ? [...entrypoint, ...cmd] : cmd;
  // Until an edit's base is read, its files are unknown: nothing can be called missing.
  const missing = view.base && !view.base.loaded ? null : missingProgram(argv, files);
  const noShell = unexpandedVariables(argv);
  const splitScript = scriptSplitAfterDashC(entrypoint, cmd);
  const execPreview = (parsed: string[] | undefined, runsProgram: boolean, isCmd = false) => {
    if (!parsed) return null;
    return (
      <>
        <code className="mono">{JSON.stringify(parsed)}</code>
        {runsProgram && missing && <p className="field-note">⚠ {missing} is not in the image's files yet: the container cannot start without it.</p>}
        {isCmd && splitScript && (
          <p className="field-note">⚠ sh -c runs only the first item as its script; the rest become $0, $1… Put the whole command in one string: {JSON.stringify([cmd.join(' ')])}</p>
        )}
        {noShell && parsed.some((arg) => arg.includes('$')) && (
          <p className="field-note">⚠ No shell runs this, so $variables stay as typed. Start with ["/bin/sh","-c","…"] to expand them.</p>
        )}
      </>
    );
  };

  return (
    <section className="panel config-panel" aria-labelledby="config-heading">
      <div className="panel-head">
        <h2 id="config-heading">Config</h2>
      </div>
      <Field
        label="Image name"
        anchor="field-name"
        value={composition.name}
        onChange={(name) => setMeta({ name })}
        problems={problems.name}
        placeholder="app:1.0"
        explain="The name and tag the archive carries, e.g. app:1.0 or example.com/team/app:1.0. docker load shows it; download file names follow it."
      />
      <PlatformsEditor />
      <ConfigScope />
      <Field
        label="Entrypoint"
        {...field('entrypoint')}
        placeholder='["/bin/app"] or /bin/app --flag'
        preview={execPreview(parsedEntrypoint, entrypoint.length > 0)}
        explain="The program the container starts. Cmd is appended to it as arguments. A JSON array or shell words; the config always stores the array (exec form)."
        specHref={SPEC.config}
      />
      <Field
        label="Cmd"
        {...field('cmd')}
        placeholder='["--help"]'
        preview={execPreview(parsedCmd, entrypoint.length === 0, true)}
        explain="Default arguments (or the command, when there is no Entrypoint). `docker run image args…` replaces it."
        specHref={SPEC.config}
      />
      <Field label="Environment" multiline rows={3} {...field('env')} placeholder={'KEY=value\nPATH=/bin'} explain="Variables set in the container, KEY=value per line. Paste a .env file: comments, export and quotes are understood." specHref={SPEC.config} />
      <Field label="Exposed ports" multiline rows={2} {...field('ports')} placeholder={'8080/tcp\n53/udp'} explain="Documentation of the ports the program listens on (8080, 8080/tcp, 53/udp). Publishing them is up to whoever runs the container." specHref={SPEC.config} />
      <div className="two-columns">
        <Field label="Working directory" {...field('workingDir')} placeholder="/" explain="The current directory of the process; an absolute path." specHref={SPEC.config} />
        <Field label="User" {...field('user')} placeholder="1000:1000" explain="user, user:group, uid or uid:gid. A name needs /etc/passwd in the image; images without one (scratch) should use numbers." specHref={SPEC.config} />
      </div>
      <Field label="Labels" multiline rows={2} {...field('labels')} placeholder="org.opencontainers.image.source=https://…" explain="Metadata about the image, key=value per line, stored in the config." specHref={SPEC.annotations} />
      <div className="two-columns">
        <Field label="Volumes" multiline rows={2} {...field('volumes')} placeholder="/data" explain="Paths where a runtime should mount a volume; one absolute path per line." specHref={SPEC.config} />
        <Field label="Stop signal" {...field('stopSignal')} placeholder="SIGTERM" explain="The signal sent to stop the container (default SIGTERM)." specHref={SPEC.config} />
      </div>
      <div className="field-with-actions">
        <Field
          label="Created"
          anchor="field-created"
          value={composition.created}
          onChange={(created) => setMeta({ created })}
          problems={problems.created}
          explain="The image's creation time and every file's mtime. 1970-01-01T00:00:00Z keeps digests reproducible: the same inputs give the same bytes."
          specHref={SPEC.config}
        />
        <div className="row created-actions">
          <button type="button" onClick={() => setMeta({ created: EPOCH })}>1970 (reproducible)</button>
          <button type="button" onClick={() => setMeta({ created: new Date().toISOString().replace(/\.\d+Z$/, 'Z') })}>Now</button>
        </div>
      </div>
      <Field label="Author" value={composition.author} mono={false} onChange={(author) => setMeta({ author })} explain="Free text naming who made the image." specHref={SPEC.config} />
      <Field label="Manifest annotations" multiline rows={2} {...field('annotations')} placeholder="org.opencontainers.image.title=app" explain="key=value metadata on the manifest (not the config); registries and tools read these." specHref={SPEC.annotations} />
    </section>
  );
}
