// The member's card: what a member shows at a meeting, and the QR code the cell committee will
// scan to take attendance (capability 3). The QR encodes only an identifier, never personal data.
import type { Member } from '../api/types';
import { vi } from '../i18n/vi';
import { QrCode } from './QrCode';

export function memberQrValue(member: Pick<Member, 'id'>): string {
  return `sotay:member:${member.id}`;
}

export function MemberCard({ member }: { member: Member }) {
  return (
    <article class="member-card" aria-labelledby="member-card-title">
      <header class="member-card-head">
        <span class="member-card-star" aria-hidden="true">
          ★
        </span>
        <h2 id="member-card-title">{vi.card.title}</h2>
      </header>
      <div class="member-card-body">
        <dl class="member-card-fields">
          <div>
            <dt>{vi.card.name}</dt>
            <dd class="member-name">{member.full_name}</dd>
          </div>
          <div>
            <dt>{vi.card.unit}</dt>
            <dd>{member.unit_name}</dd>
          </div>
          <div>
            <dt>{vi.card.cardNumber}</dt>
            <dd class="mono">{member.card_number ?? vi.app.notSet}</dd>
          </div>
          <div>
            <dt>{vi.card.status}</dt>
            <dd>
              <span class={`badge badge-${member.status}`}>{member.status_label}</span>
            </dd>
          </div>
        </dl>
        <figure class="member-card-qr">
          <QrCode value={memberQrValue(member)} label={vi.card.qrLabel(member.full_name)} sizeRem={9} />
          <figcaption>{vi.card.qrHint}</figcaption>
        </figure>
      </div>
    </article>
  );
}
