// Import members from CSV/XLSX into a unit: template download, choose a file, dry run (a table of
// the bad rows with row, column and reason), then the real run in the background with a progress
// bar and a summary. All or nothing: while the file has a bad row, nothing is written.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, buildUrl } from '../../api/client';
import type { ImportJob, ImportReport, UnitDetail } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { FormError } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { vc } from '../../i18n/vi-committee';
import { Link } from '../../lib/router';
import { useApi } from '../../lib/use-api';
import type { RouteProps } from '../../routes';
import { FileField, Frame, ProgressBar, unitHref } from './ui';
import { MAX_UPLOAD_BYTES, contentTypeFor, dryRunImport, fileSize, importPercent, startImport } from './upload';

const t = vc.import;

interface Chosen {
  name: string;
  size: number;
  type: string;
  data: Blob; // read at once, so the check and the import send the same bytes
}

function Summary({ report }: { report: ImportReport }) {
  return (
    <dl class="c-stats c-import-stats">
      <div class="c-stat">
        <dt>{t.rows}</dt>
        <dd>
          <span class="c-stat-value">{report.total_rows}</span>
        </dd>
      </div>
      <div class="c-stat">
        <dt>{t.valid}</dt>
        <dd>
          <span class="c-stat-value">{report.valid_rows}</span>
        </dd>
      </div>
      <div class="c-stat">
        <dt>{t.toInsert}</dt>
        <dd>
          <span class="c-stat-value">{report.to_insert}</span>
        </dd>
      </div>
      <div class="c-stat">
        <dt>{t.toUpdate}</dt>
        <dd>
          <span class="c-stat-value">{report.to_update}</span>
        </dd>
      </div>
      <div class={report.error_rows > 0 ? 'c-stat c-stat-bad' : 'c-stat'}>
        <dt>{t.bad}</dt>
        <dd>
          <span class="c-stat-value">{report.error_rows}</span>
        </dd>
      </div>
    </dl>
  );
}

function ErrorsTable({ report }: { report: ImportReport }) {
  const rows = [...report.errors].sort((a, b) => a.row - b.row);
  return (
    <>
      <table class="c-table c-errors-table">
        <caption>{t.errorsTable}</caption>
        <thead>
          <tr>
            <th scope="col">{t.colRow}</th>
            <th scope="col">{t.colColumn}</th>
            <th scope="col">{t.colReason}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => (
            <tr key={`${e.row}-${e.column}-${i}`}>
              <td data-label={t.colRow} class="c-num">
                {e.row}
              </td>
              <td data-label={t.colColumn}>{e.column || vc.none}</td>
              <td data-label={t.colReason}>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.errors.length >= 1000 && <p class="muted small">{t.truncated(report.errors.length)}</p>}
    </>
  );
}

function Progress({ job }: { job: ImportJob | null }) {
  const pct = job ? importPercent(job) : 0;
  const phase = job?.phase === 'write' ? t.phaseWrite : t.phaseCheck;
  return (
    <div class="c-progress-box" aria-live="polite">
      <p class="c-progress-text">
        <strong>{phase}</strong>
        {job && job.total > 0 && <span> — {t.progress(job.processed, job.total)}</span>}
      </p>
      <ProgressBar percent={pct} label={t.progressLabel} />
      <p class="muted small">{pct}%</p>
    </div>
  );
}

function Importer({ unit }: { unit: UnitDetail }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [running, setRunning] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  function reset() {
    setChosen(null);
    setReport(null);
    setJob(null);
    setError(null);
    setFileError(null);
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  }

  async function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    setReport(null);
    setJob(null);
    setError(null);
    setFileError(null);
    setChosen(null);
    if (!file) return;
    const type = contentTypeFor(file.name);
    if (!type) {
      setFileError(t.fileType);
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setFileError(t.fileTooLarge);
      return;
    }
    try {
      const data = new Blob([await file.arrayBuffer()], { type });
      setChosen({ name: file.name, size: file.size, type, data });
    } catch {
      setFileError(vi.errors.generic);
    }
  }

  async function check(e: Event) {
    e.preventDefault();
    if (!chosen) {
      setFileError(t.fileRequired);
      inputRef.current?.focus();
      return;
    }
    setChecking(true);
    setError(null);
    setReport(null);
    setJob(null);
    try {
      const r = await dryRunImport(unit.id, chosen.data, chosen.type);
      if (!alive.current) return;
      setReport(r);
      setTimeout(() => resultRef.current?.focus(), 0);
    } catch (err) {
      if (!alive.current) return;
      if (err instanceof ApiError && err.fields.file) setFileError(err.fields.file);
      setError(err instanceof ApiError ? err.message : vi.errors.generic);
      inputRef.current?.focus();
    } finally {
      if (alive.current) setChecking(false);
    }
  }

  async function run() {
    if (!chosen) return;
    setRunning(true);
    setError(null);
    setJob({ job_id: 0, state: 'running', phase: 'check', processed: 0, total: report?.total_rows ?? 0 });
    try {
      const jobId = await startImport(unit.id, chosen.data, chosen.type);
      // Poll until the job ends; the server keeps its state, so a slow phone only sees it later.
      for (;;) {
        if (!alive.current) return;
        const j = await api.get('/imports/{id}', { path: { id: jobId } });
        if (!alive.current) return;
        setJob(j);
        if (j.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 600));
      }
      setTimeout(() => resultRef.current?.focus(), 0);
    } catch (err) {
      if (!alive.current) return;
      setJob(null);
      setError(err instanceof ApiError ? err.message : vi.errors.generic);
    } finally {
      if (alive.current) setRunning(false);
    }
  }

  const finished = job && job.state !== 'running' ? job : null;
  const applied = finished?.state === 'done' && finished.report?.applied;

  return (
    <>
      <p class="alert alert-info c-all-or-nothing">{t.allOrNothing}</p>

      <section class="card" aria-labelledby="c-step1">
        <h2 id="c-step1">{t.step1}</h2>
        <p class="muted small">{t.step1Hint}</p>
        <div class="actions">
          <a class="btn btn-secondary" href={buildUrl('/imports/template', undefined, { format: 'xlsx' })} download>
            {t.templateXlsx}
          </a>
          <a class="btn btn-secondary" href={buildUrl('/imports/template', undefined, { format: 'csv' })} download>
            {t.templateCsv}
          </a>
        </div>
      </section>

      <form class="card" onSubmit={check} noValidate aria-labelledby="c-step2">
        <h2 id="c-step2">{t.step2}</h2>
        <FileField
          label={t.file}
          hint={t.fileHint}
          button={t.fileButton}
          fileName={chosen ? t.chosen(chosen.name, fileSize(chosen.size)) : t.noFile}
          error={fileError}
          inputRef={inputRef}
          name="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={running}
          onChange={(e) => void choose(e)}
        />
        <FormError message={error} />
        <button type="submit" class="btn btn-primary" disabled={checking || running}>
          {checking ? t.checking : t.check}
        </button>
      </form>

      {checking && <Loading label={t.checking} />}

      {report && (
        <section class="card c-import-result" aria-labelledby="c-step3" ref={resultRef} tabIndex={-1}>
          <h2 id="c-step3">{finished ? (applied ? t.doneTitle : t.step3) : t.step3}</h2>
          {!job && (
            <>
              <Summary report={report} />
              {report.ignored_columns.length > 0 && <p class="muted small">{t.ignored(report.ignored_columns.join(', '))}</p>}
              {report.total_rows === 0 ? (
                <p class="alert alert-warning">{t.emptyFile}</p>
              ) : report.error_rows > 0 ? (
                <>
                  <p class="alert alert-error" role="alert">
                    {t.hasErrors(report.error_rows)}
                  </p>
                  <ErrorsTable report={report} />
                </>
              ) : (
                <>
                  <p class="alert alert-success">{t.ready(report.valid_rows)}</p>
                  <button type="button" class="btn btn-primary c-btn-large" onClick={() => void run()} disabled={running}>
                    {t.run(report.valid_rows)}
                  </button>
                </>
              )}
            </>
          )}
          {job && job.state === 'running' && <Progress job={job} />}
          {finished && finished.state === 'done' && finished.report && (
            <>
              <Summary report={finished.report} />
              {applied ? (
                <p class="alert alert-success" role="status">
                  {t.doneSummary(finished.report.to_insert, finished.report.to_update)}
                </p>
              ) : (
                <>
                  <p class="alert alert-error" role="alert">
                    {t.notApplied}
                  </p>
                  <ErrorsTable report={finished.report} />
                </>
              )}
            </>
          )}
          {finished && finished.state === 'failed' && (
            <div class="alert alert-error" role="alert">
              <p>{t.failed}</p>
              {finished.error && <p>{finished.error}</p>}
            </div>
          )}
          {finished && (
            <div class="actions">
              <Link class="btn btn-primary" href={unitHref(unit.id)}>
                {t.backToUnit}
              </Link>
              <button type="button" class="btn btn-secondary" onClick={reset}>
                {t.again}
              </button>
            </div>
          )}
        </section>
      )}
    </>
  );
}

export default function ImportMembers({ params }: RouteProps) {
  const id = Number(params.id);
  const result = useApi((signal) => api.get('/units/{id}', { path: { id }, signal }), [id]);
  return (
    <ApiState result={result}>
      {(unit) => (
        <Frame
          title={t.title}
          crumbs={[...unit.ancestors.map((a) => ({ href: unitHref(a.id), label: a.name })), { href: unitHref(unit.id), label: unit.name }]}
          lead={<p class="c-lead">{t.into(unit.name)}</p>}
        >
          {unit.can_edit_members && !unit.closed ? (
            <Importer unit={unit} />
          ) : (
            <p class="alert alert-warning">{t.notAllowed}</p>
          )}
        </Frame>
      )}
    </ApiState>
  );
}
