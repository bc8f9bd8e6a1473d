// Accounts of a unit and the units below it: search, reset a password (the temporary password is
// shown once), grant a role on a unit and revoke one — each after a confirmation that says what
// will happen. The server checks scope: a committee only manages accounts inside its own units.
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Account, Grant, Unit } from '../../api/types';
import { ApiState } from '../../components/ApiState';
import { Field, FormError } from '../../components/Field';
import { EmptyState } from '../../components/Loading';
import { vi } from '../../i18n/vi';
import { ROLE_LABELS, confirmText, vc } from '../../i18n/vi-committee';
import { flash } from '../../lib/flash';
import { hasAnyRole, session } from '../../lib/session';
import { useStore } from '../../lib/store';
import { useApi } from '../../lib/use-api';
import { Dialog, DialogButtons, Frame, SelectField, TempPassword, UnitPicker, WillChange, describeUnit, useDebounced, useSubmit } from './ui';

const a = vc.accounts;
const roleLabel = (g: Pick<Grant, 'role' | 'role_label'>) => ROLE_LABELS[g.role] ?? g.role_label;
const who = (acc: Account) => acc.full_name || acc.login;

function ResetDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const s = useSubmit();
  const [temp, setTemp] = useState<string | null>(null);
  async function confirm() {
    const r = await s.run(() => api.post('/accounts/{id}/reset-password', { path: { id: account.id } }));
    if (r.ok) setTemp(r.value.temporary_password);
  }
  return (
    <Dialog
      failures={s.failures}
      title={`${a.resetTitle}: ${who(account)}`}
      onClose={onClose}
      footer={temp ? undefined : <DialogButtons pending={s.pending} label={a.reset} onConfirm={() => void confirm()} onCancel={onClose} />}
    >
      {temp ? (
        <TempPassword login={account.login} password={temp} onDone={onClose} />
      ) : (
        <>
          <FormError message={s.error} />
          <WillChange text={a.resetConfirm(who(account))} />
        </>
      )}
    </Dialog>
  );
}

function GrantDialog({ account, unit, isAdmin, onClose, onDone }: { account: Account; unit: Unit; isAdmin: boolean; onClose: () => void; onDone: () => void }) {
  const [role, setRole] = useState('cell_committee');
  const [target, setTarget] = useState<Unit | null>(unit);
  const [tried, setTried] = useState(false);
  const s = useSubmit();
  const roles = Object.keys(ROLE_LABELS).filter((r) => r !== 'admin' || isAdmin);
  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (!target) {
      s.fail();
      return;
    }
    const r = await s.run(() => api.post('/accounts/{id}/roles', { path: { id: account.id }, body: { role, unit_id: target.id } }));
    if (r.ok) {
      flash(a.granted, 'success');
      onDone();
    }
  }
  return (
    <Dialog
      failures={s.failures}
      title={a.grantTitle(who(account))}
      onClose={onClose}
      footer={<DialogButtons pending={s.pending} label={a.grant} form="c-grant" onCancel={onClose} />}
    >
      <form id="c-grant" onSubmit={submit} noValidate>
        <FormError message={s.error} />
        <SelectField
          label={a.role}
          name="role"
          value={role}
          onValue={setRole}
          error={s.fieldError('role', role)}
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r]! }))}
        />
        <UnitPicker
          label={a.roleUnit}
          value={target}
          onChange={setTarget}
          error={s.fieldError('unit_id', target) ?? (tried && !target ? vc.picker.required : undefined)}
          reject={(u) => (u.closed ? 'Đơn vị này đã thôi hoạt động.' : null)}
        />
        <WillChange text={target ? confirmText.grant(who(account), ROLE_LABELS[role] ?? role, target.name) : null} />
      </form>
    </Dialog>
  );
}

function RevokeDialog({ account, grant, onClose, onDone }: { account: Account; grant: Grant; onClose: () => void; onDone: () => void }) {
  const s = useSubmit();
  async function confirm() {
    const r = await s.run(() => api.delete('/roles/{id}', { path: { id: grant.id } }));
    if (r.ok) {
      flash(a.revoked, 'success');
      onDone();
    }
  }
  return (
    <Dialog
      failures={s.failures}
      title={a.revokeTitle}
      onClose={onClose}
      footer={<DialogButtons pending={s.pending} label={a.revoke} danger onConfirm={() => void confirm()} onCancel={onClose} />}
    >
      <FormError message={s.error} />
      <WillChange text={confirmText.revoke(who(account), roleLabel(grant), grant.unit_name)} />
    </Dialog>
  );
}

type Open =
  | { kind: 'reset'; account: Account }
  | { kind: 'grant'; account: Account }
  | { kind: 'revoke'; account: Account; grant: Grant };

function AccountsView({ roots }: { roots: Unit[] }) {
  const state = useStore(session);
  const myId = state.status === 'signed_in' ? state.me.account.id : 0;
  const isAdmin = state.status === 'signed_in' && hasAnyRole(state.me, ['admin']);
  const [unit, setUnit] = useState<Unit>(roots[0]!);
  const [picking, setPicking] = useState(false);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState<Open | null>(null);
  const list = useApi(
    (signal) => api.get('/units/{id}/accounts', { path: { id: unit.id }, query: query ? { q: query } : {}, signal }),
    [unit.id, query, tick],
  );
  const done = () => {
    setOpen(null);
    setTick((t) => t + 1);
  };

  return (
    <>
      <section class="card c-unit-choice" aria-labelledby="c-acc-unit">
        <h2 id="c-acc-unit" class="c-h-small">
          {a.unit}
        </h2>
        {picking ? (
          <UnitPicker
            label={vc.picker.label}
            value={null}
            onChange={(u) => {
              if (u) {
                setUnit(u);
                setPicking(false);
              }
            }}
          />
        ) : (
          <div class="c-picked-box">
            <div>
              <strong>{unit.name}</strong>
              <span class="muted small c-block">{describeUnit(unit)}</span>
            </div>
            <button type="button" class="btn btn-secondary" onClick={() => setPicking(true)}>
              {vc.picker.change}
            </button>
          </div>
        )}
        {roots.length > 1 && !picking && (
          <div class="actions c-root-choice">
            {roots
              .filter((r) => r.id !== unit.id)
              .map((r) => (
                <button key={r.id} type="button" class="btn btn-link" onClick={() => setUnit(r)}>
                  {r.name}
                </button>
              ))}
          </div>
        )}
      </section>

      <form class="c-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field
          label={a.search}
          type="search"
          name="q"
          value={q}
          onValue={setQ}
          placeholder={a.searchPlaceholder}
          autocomplete="off"
          spellcheck={false}
        />
      </form>

      <ApiState result={list}>
        {(d) =>
          d.accounts.length === 0 ? (
            <EmptyState title={a.empty} />
          ) : (
            <>
              <p class="muted small">{a.count(d.accounts.length)}</p>
              <ul class="c-cards">
                {d.accounts.map((acc) => {
                  const mine = acc.id === myId;
                  return (
                    <li key={acc.id} class="c-card c-account">
                      <div class="c-card-main">
                        <p class="c-card-title">{who(acc)}</p>
                        <p class="muted small">
                          {a.login}: <span class="mono">{acc.login}</span>
                          {acc.unit_name && (
                            <>
                              {' · '}
                              {a.unitName}: {acc.unit_name}
                            </>
                          )}
                        </p>
                        {(acc.must_change_password || acc.totp_enabled || acc.disabled) && (
                          <p class="c-flags">
                            {acc.disabled && <span class="badge c-badge-closed">{a.disabled}</span>}
                            {acc.must_change_password && <span class="badge badge-probationary">{a.mustChange}</span>}
                            {acc.totp_enabled && <span class="badge badge-official">{a.totp}</span>}
                          </p>
                        )}
                        <p class="c-roles-title">{a.roles}</p>
                        {acc.roles.length === 0 ? (
                          <p class="muted small">{a.noRoles}</p>
                        ) : (
                          <ul class="c-roles">
                            {acc.roles.map((g) => (
                              <li key={g.id} class="c-role">
                                <span>
                                  <strong>{roleLabel(g)}</strong> — {g.unit_name || vi.app.notSet}
                                </span>
                                {!(mine && g.role !== 'member') && (
                                  <button
                                    type="button"
                                    class="btn btn-link c-revoke"
                                    aria-label={a.revokeLabel(roleLabel(g), g.unit_name)}
                                    onClick={() => setOpen({ kind: 'revoke', account: acc, grant: g })}
                                  >
                                    {a.revoke}
                                  </button>
                                )}
                              </li>
                            ))}
                          </ul>
                        )}
                      </div>
                      <div class="c-card-actions">
                        {!mine && (
                          <button type="button" class="btn btn-secondary" onClick={() => setOpen({ kind: 'reset', account: acc })}>
                            {a.reset}
                          </button>
                        )}
                        <button type="button" class="btn btn-secondary" onClick={() => setOpen({ kind: 'grant', account: acc })}>
                          {a.grant}
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            </>
          )
        }
      </ApiState>

      {open?.kind === 'reset' && <ResetDialog account={open.account} onClose={done} />}
      {open?.kind === 'grant' && <GrantDialog account={open.account} unit={unit} isAdmin={isAdmin} onClose={() => setOpen(null)} onDone={done} />}
      {open?.kind === 'revoke' && <RevokeDialog account={open.account} grant={open.grant} onClose={() => setOpen(null)} onDone={done} />}
    </>
  );
}

export default function Accounts() {
  const roots = useApi((signal) => api.get('/units', { signal }), []);
  return (
    <Frame title={vi.committee.accounts} lead={<p class="muted">{vi.committee.accountsHint}</p>}>
      <ApiState result={roots}>{(d) => (d.units.length === 0 ? <EmptyState title={a.noUnit} /> : <AccountsView roots={d.units} />)}</ApiState>
    </Frame>
  );
}
