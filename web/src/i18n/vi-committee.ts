// Vietnamese strings of the committee screens (pages/committee/). Kept apart from vi.ts so they
// travel in the committee chunks only. Strings that take values are functions; the sentences a
// confirmation dialog shows ("Chi bộ X (25 đảng viên) sẽ được chuyển sang …") are built here so
// their wording is reviewed in one place and tested (pages/committee/wording.test.ts).

// "05/03/2026" from "2026-03-05"; anything else is shown as given.
export function ddmmyyyy(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// "1 đảng viên", "1.234 đảng viên" — Vietnamese has no plural, but large numbers get dots.
export function count(n: number, noun: string): string {
  return `${n.toLocaleString('vi-VN')} ${noun}`;
}
export const members = (n: number) => count(n, 'đảng viên');
export const units = (n: number) => count(n, 'đơn vị');

// The subject of a sentence: the unit's name with its member count when it has any.
function withCount(name: string, memberCount: number): string {
  return memberCount > 0 ? `${name} (${members(memberCount)})` : name;
}

export const ROLE_LABELS: Record<string, string> = {
  member: 'Đảng viên',
  cell_committee: 'Chi ủy',
  committee: 'Cấp ủy',
  editor: 'Biên tập viên',
  admin: 'Quản trị',
};

export const STATUS_LABELS: Record<string, string> = {
  official: 'Chính thức',
  probationary: 'Dự bị',
  left: 'Ra khỏi Đảng',
  transferred: 'Đã chuyển sinh hoạt',
  deceased: 'Từ trần',
};

export const POSITION_LABELS: Record<string, string> = {
  secretary: 'Bí thư',
  deputy_secretary: 'Phó Bí thư',
  committee_member: 'Cấp ủy viên',
};

export const KIND_LABELS: Record<string, string> = {
  central: 'Trung ương',
  province: 'Đảng bộ tỉnh/thành phố',
  subordinate_committee: 'Đảng bộ cấp trên cơ sở',
  base_committee: 'Đảng bộ cơ sở',
  base_cell: 'Chi bộ cơ sở',
  cell: 'Chi bộ',
  group: 'Tổ đảng',
};

// Unit history: what happened, in words.
export const CHANGE_LABELS: Record<string, string> = {
  created: 'Thành lập',
  renamed: 'Đổi tên',
  moved: 'Chuyển đơn vị',
  parent_moved: 'Đơn vị cấp trên chuyển',
  merged: 'Hợp nhất',
  closed: 'Giải thể',
};

export const AUDIT_ACTIONS: Record<string, string> = {
  'unit.create': 'Thành lập tổ chức đảng',
  'unit.rename': 'Đổi tên tổ chức đảng',
  'unit.move': 'Chuyển tổ chức đảng',
  'unit.merge': 'Hợp nhất tổ chức đảng',
  'unit.close': 'Giải thể tổ chức đảng',
  'member.create': 'Thêm đảng viên',
  'member.update': 'Sửa hồ sơ đảng viên',
  'member.status': 'Đổi tình trạng đảng viên',
  'member.contact': 'Đảng viên sửa thông tin liên hệ',
  'member.transfer': 'Chuyển sinh hoạt đảng',
  'member.import': 'Nhập danh sách đảng viên',
  'position.add': 'Phân công chức vụ',
  'position.end': 'Kết thúc nhiệm kỳ',
  'account.create': 'Tạo tài khoản',
  'account.reset_password': 'Cấp lại mật khẩu',
  'account.change_password': 'Đổi mật khẩu',
  'account.totp_enabled': 'Bật xác thực hai lớp',
  'role.grant': 'Giao vai trò',
  'role.revoke': 'Thu hồi vai trò',
  'session.sign_in': 'Đăng nhập',
  'session.sign_out_everywhere': 'Đăng xuất khỏi mọi thiết bị',
};

export const AUDIT_ENTITIES: Record<string, string> = {
  unit: 'Tổ chức đảng',
  member: 'Đảng viên',
  account: 'Tài khoản',
  role_grant: 'Vai trò',
  position: 'Chức vụ',
};

// Names of the fields the audit log shows before/after.
export const FIELD_LABELS: Record<string, string> = {
  id: 'Mã số',
  code: 'Mã đơn vị',
  kind: 'Loại',
  name: 'Tên',
  parent_id: 'Đơn vị cấp trên (mã số)',
  path: 'Vị trí trong cây',
  valid_from: 'Hiệu lực từ',
  valid_to: 'Hiệu lực đến',
  merged_into: 'Hợp nhất vào (mã số)',
  members_moved: 'Số đảng viên chuyển theo',
  children_moved: 'Số đơn vị chuyển theo',
  full_name: 'Họ và tên',
  birth_date: 'Ngày sinh',
  sex: 'Giới tính',
  admitted_on: 'Ngày vào Đảng',
  official_on: 'Ngày chính thức',
  card_number: 'Số thẻ đảng viên',
  citizen_id: 'Số CCCD',
  phone: 'Điện thoại',
  email: 'Email',
  status: 'Tình trạng',
  status_date: 'Ngày thay đổi tình trạng',
  unit_id: 'Chi bộ (mã số)',
  member_id: 'Đảng viên (mã số)',
  position: 'Chức vụ',
  term_from: 'Nhiệm kỳ từ',
  term_to: 'Nhiệm kỳ đến',
  role: 'Vai trò',
  role_label: 'Vai trò',
  unit_name: 'Đơn vị',
  granted_at: 'Ngày giao',
  login: 'Tên đăng nhập',
  must_change_password: 'Phải đổi mật khẩu',
  mfa: 'Xác thực hai lớp',
  user_agent: 'Trình duyệt',
  rows: 'Số dòng',
  inserted: 'Thêm mới',
  updated: 'Cập nhật',
};

export const vc = {
  crumbsLabel: 'Vị trí trang',
  home: 'Quản lý',
  // ---- common ----
  today: 'hôm nay',
  dateHint: 'Ngày/tháng/năm, ví dụ 05/03/2026.',
  dateHintShort: 'Ngày/tháng/năm',
  dateInvalid: 'Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.',
  filters: 'Bộ lọc',
  dateRequired: 'Vui lòng nhập ngày.',
  effectiveDate: 'Ngày hiệu lực',
  confirm: 'Xác nhận',
  cancel: 'Hủy',
  close: 'Đóng',
  continue: 'Tiếp tục',
  working: 'Đang thực hiện…',
  loadMore: 'Xem thêm',
  loadingMore: 'Đang tải thêm…',
  whatChanges: 'Điều sẽ thay đổi',
  all: 'Tất cả',
  none: '—',
  yes: 'Có',
  no: 'Không',
  search: 'Tìm',
  closedBadge: 'Đã giải thể',
  mergedBadge: 'Đã hợp nhất',
  until: 'nay',
  saved: 'Đã lưu.',
  // ---- unit picker ----
  picker: {
    label: 'Chọn đơn vị',
    placeholder: 'Gõ tên hoặc mã đơn vị, có dấu hoặc không dấu',
    hint: 'Gõ ít nhất 2 chữ rồi chọn trong danh sách.',
    empty: (q: string) => `Không tìm thấy đơn vị nào khớp với “${q}”.`,
    change: 'Chọn đơn vị khác',
    chosen: 'Đã chọn',
    required: 'Vui lòng chọn một đơn vị.',
    results: 'Kết quả tìm kiếm',
  },
  memberPicker: {
    label: 'Đảng viên',
    placeholder: 'Gõ họ tên, có dấu hoặc không dấu',
    empty: (q: string) => `Không tìm thấy đảng viên nào khớp với “${q}”.`,
    required: 'Vui lòng chọn một đảng viên.',
  },
  // ---- dashboard ----
  dashboard: {
    scopeTitle: 'Đơn vị bạn phụ trách',
    scopeEmpty: 'Tài khoản chưa được giao phụ trách đơn vị nào.',
    unitsBelow: (n: number) => `${units(n)} cấp dưới`,
    import: 'Nhập đảng viên',
  },
  // ---- tree ----
  tree: {
    label: 'Cây tổ chức đảng',
    intro: 'Bấm ▸ (hoặc phím mũi tên) để mở đơn vị trực thuộc; bấm tên để xem đơn vị.',
    searchLabel: 'Tìm đơn vị',
    searchPlaceholder: 'Ví dụ: chi bo thon dong',
    searchHint: 'Tên hoặc mã, có dấu hoặc không dấu.',
    searching: 'Đang tìm…',
    results: (n: number) => `Tìm thấy ${units(n)}`,
    noResults: (q: string) => `Không tìm thấy đơn vị nào khớp với “${q}”.`,
    clear: 'Xóa tìm kiếm',
    empty: 'Chưa có đơn vị nào trong phạm vi của bạn.',
    noChildren: 'Không có đơn vị trực thuộc.',
    expand: (name: string) => `Mở ${name}`,
    collapse: (name: string) => `Thu gọn ${name}`,
    loadFailed: 'Không tải được đơn vị trực thuộc.',
    childCount: (n: number) => `${units(n)} trực thuộc`,
    memberCount: members,
  },
  // ---- unit page ----
  unit: {
    code: 'Mã',
    kind: 'Loại',
    since: 'Thành lập',
    until: 'Đến',
    parent: 'Trực thuộc',
    directMembers: 'Đảng viên sinh hoạt tại đơn vị',
    subtreeMembers: 'Đảng viên toàn đảng bộ',
    subtreeUnits: 'Tổ chức đảng cấp dưới (mọi cấp)',
    official: 'Chính thức',
    probationary: 'Dự bị',
    closedNote: (date: string) => `Đơn vị này đã thôi hoạt động từ ngày ${date}. Dữ liệu cũ vẫn được giữ để tra cứu.`,
    mergedInto: 'Xem đơn vị nhận hợp nhất',
    tabs: 'Nội dung của đơn vị',
    tabMembers: 'Đảng viên',
    tabPositions: 'Cấp ủy',
    tabChildren: 'Đơn vị trực thuộc',
    tabHistory: 'Lịch sử',
    tools: 'Công cụ',
    import: 'Nhập từ tệp',
    exportCsv: 'Xuất CSV',
    export: 'Tải toàn bộ danh sách đảng viên của đơn vị:',
    exportXlsx: 'Xuất Excel',
    operations: 'Thay đổi tổ chức',
    opsHint: 'Mỗi thay đổi có ngày hiệu lực và được ghi vào lịch sử của đơn vị.',
  },
  members: {
    search: 'Tìm theo tên',
    searchPlaceholder: 'Ví dụ: nguyen van',
    status: 'Tình trạng',
    statusActive: 'Đang sinh hoạt',
    position: 'Chức vụ',
    positionAny: 'Mọi chức vụ',
    subtree: 'Gồm đảng viên của các đơn vị trực thuộc',
    subtreeShort: 'gồm đơn vị trực thuộc',
    empty: 'Không có đảng viên nào khớp với bộ lọc.',
    emptyUnit: 'Đơn vị chưa có đảng viên nào.',
    shown: (n: number, more: boolean) => `Đang hiển thị ${members(n)}${more ? ' (còn nữa)' : ''}.`,
    colName: 'Họ và tên',
    colStatus: 'Tình trạng',
    colBirth: 'Ngày sinh',
    colCard: 'Số thẻ',
    colUnit: 'Chi bộ',
    colPhone: 'Điện thoại',
    add: 'Thêm đảng viên',
    addTitle: (unit: string) => `Thêm đảng viên vào ${unit}`,
    added: (name: string) => `Đã thêm đảng viên ${name}.`,
    addOnlyCells: 'Đảng viên được thêm tại chi bộ. Mở một chi bộ trực thuộc để thêm.',
  },
  positions: {
    current: 'Cấp ủy đương nhiệm',
    includeEnded: 'Hiện cả các nhiệm kỳ đã kết thúc',
    empty: 'Chưa có ai được phân công chức vụ.',
    term: (from: string, to: string | null) => (to ? `Nhiệm kỳ ${from} – ${to}` : `Từ ${from} đến nay`),
    ended: 'Đã kết thúc',
    end: 'Kết thúc nhiệm kỳ',
    endTitle: 'Kết thúc nhiệm kỳ',
    endDate: 'Ngày kết thúc',
    endDone: 'Đã kết thúc nhiệm kỳ.',
    add: 'Phân công chức vụ',
    addTitle: 'Phân công chức vụ',
    position: 'Chức vụ',
    termFrom: 'Bắt đầu nhiệm kỳ',
    termTo: 'Kết thúc nhiệm kỳ (nếu đã biết)',
    termToHint: 'Có thể bỏ trống.',
    added: 'Đã phân công chức vụ.',
  },
  children: {
    empty: 'Đơn vị này không có tổ chức đảng trực thuộc.',
    includeClosed: 'Hiện cả đơn vị đã giải thể hoặc hợp nhất',
  },
  history: {
    empty: 'Chưa có thay đổi nào được ghi lại.',
    from: 'Từ ngày',
    to: 'đến ngày',
    recorded: 'Ghi nhận lúc',
    nameThen: 'Tên khi đó',
    current: 'đang hiệu lực',
  },
  ops: {
    create: 'Thành lập đơn vị trực thuộc',
    rename: 'Đổi tên',
    move: 'Chuyển sang đơn vị khác',
    merge: 'Hợp nhất vào đơn vị khác',
    close: 'Giải thể',
    createHint: 'Thêm chi bộ, đảng bộ hoặc tổ đảng mới trực thuộc đơn vị này.',
    renameHint: 'Tên mới có hiệu lực từ ngày bạn chọn; tên cũ vẫn còn trong lịch sử.',
    moveHint: 'Đổi đơn vị cấp trên; đảng viên và các đơn vị trực thuộc đi theo.',
    mergeHint: 'Chuyển toàn bộ đảng viên và đơn vị trực thuộc sang đơn vị nhận; đơn vị này thôi hoạt động.',
    closeHint: 'Chỉ làm được khi đơn vị không còn đảng viên và đơn vị trực thuộc.',
    newName: 'Tên mới',
    name: 'Tên đơn vị',
    namePlaceholder: 'Ví dụ: Chi bộ thôn Bắc',
    code: 'Mã đơn vị',
    codeHint: 'Chữ cái không dấu, chữ số, dấu chấm hoặc gạch; ví dụ SH-TP-01-C04.',
    kind: 'Loại tổ chức đảng',
    foundedOn: 'Ngày thành lập',
    newParent: 'Đơn vị cấp trên mới',
    mergeInto: 'Hợp nhất vào',
    nameRequired: 'Vui lòng nhập tên.',
    codeRequired: 'Vui lòng nhập mã đơn vị.',
    sameName: 'Tên mới giống tên hiện tại.',
    notOwnScope:
      'Đây là đơn vị bạn được giao phụ trách: chỉ cấp ủy cấp trên mới chuyển, hợp nhất hoặc giải thể được đơn vị này.',
    closeBlocked: (m: number, u: number) =>
      `Đơn vị còn ${members(m)} và ${units(u)} trực thuộc. Hãy chuyển hoặc hợp nhất trước khi giải thể.`,
    confirmCreate: 'Thành lập',
    confirmRename: 'Đổi tên',
    confirmMove: 'Chuyển đơn vị',
    confirmMerge: 'Hợp nhất',
    confirmClose: 'Giải thể',
    created: (name: string) => `Đã thành lập ${name}.`,
    renamed: 'Đã đổi tên đơn vị.',
    moved: 'Đã chuyển đơn vị.',
    merged: 'Đã hợp nhất đơn vị.',
    closed: 'Đã giải thể đơn vị.',
  },
  // ---- member record ----
  member: {
    record: 'Hồ sơ',
    edit: 'Sửa hồ sơ',
    editTitle: 'Sửa hồ sơ đảng viên',
    saved: 'Đã lưu hồ sơ.',
    save: 'Lưu hồ sơ',
    alreadyHere: 'Đảng viên đang sinh hoạt tại đây.',
    fullName: 'Họ và tên',
    birthDate: 'Ngày sinh',
    sex: 'Giới tính',
    sexNam: 'Nam',
    sexNu: 'Nữ',
    sexUnset: 'Chưa ghi',
    admittedOn: 'Ngày vào Đảng',
    officialOn: 'Ngày chính thức',
    officialOnHint: 'Bỏ trống nếu còn là đảng viên dự bị.',
    cardNumber: 'Số thẻ đảng viên',
    citizenId: 'Số căn cước công dân',
    phone: 'Số điện thoại',
    email: 'Thư điện tử',
    unit: 'Chi bộ',
    status: 'Tình trạng',
    statusDate: 'Ngày thay đổi tình trạng',
    updatedAt: 'Cập nhật lần cuối',
    statusTitle: 'Thay đổi tình trạng',
    statusNew: 'Tình trạng mới',
    statusDateFor: (status: string) =>
      status === 'official'
        ? 'Ngày được công nhận đảng viên chính thức'
        : status === 'left'
          ? 'Ngày ra khỏi Đảng'
          : status === 'transferred'
            ? 'Ngày chuyển sinh hoạt đi'
            : status === 'deceased'
              ? 'Ngày từ trần'
              : 'Ngày',
    statusSame: 'Đây là tình trạng hiện tại.',
    statusChanged: 'Đã cập nhật tình trạng.',
    statusConfirm: 'Cập nhật tình trạng',
    transferTitle: 'Chuyển sinh hoạt đảng',
    transferHint: 'Chuyển đảng viên sang một chi bộ khác trong phạm vi bạn quản lý.',
    transferTo: 'Chi bộ mới',
    transferDate: 'Ngày chuyển',
    transferConfirm: 'Chuyển sinh hoạt',
    transferred: 'Đã chuyển sinh hoạt.',
    transferNotActive: 'Chỉ chuyển sinh hoạt được cho đảng viên đang sinh hoạt (chính thức hoặc dự bị).',
    notACell: 'Hãy chọn một chi bộ hoặc tổ đảng.',
    positions: 'Chức vụ',
    noPositions: 'Không giữ chức vụ cấp ủy nào.',
    accountTitle: 'Tài khoản Sổ tay',
    accountHint:
      'Tạo tài khoản để đảng viên đăng nhập Sổ tay. Mật khẩu tạm chỉ hiện một lần: hãy ghi lại và trao tận tay đảng viên.',
    login: 'Tên đăng nhập',
    loginHint: 'Chữ cái không dấu, chữ số, dấu chấm hoặc gạch; bắt đầu bằng chữ. Ví dụ: nguyenvanan.',
    loginRequired: 'Vui lòng nhập tên đăng nhập.',
    createAccount: 'Tạo tài khoản',
    accountCreated: 'Đã tạo tài khoản.',
    required: (label: string) => `Vui lòng nhập ${label.toLowerCase()}.`,
  },
  temp: {
    title: 'Mật khẩu tạm thời',
    intro: (login: string) =>
      `Mật khẩu tạm của tài khoản “${login}”. Mật khẩu này chỉ hiện một lần: hãy ghi lại và trao tận tay người dùng.`,
    after: 'Khi đăng nhập lần đầu, người dùng sẽ phải đặt mật khẩu của riêng mình.',
    login: 'Tên đăng nhập',
    password: 'Mật khẩu tạm',
    copy: 'Sao chép mật khẩu',
    copied: 'Đã sao chép.',
    done: 'Tôi đã ghi lại, đóng',
  },
  // ---- import ----
  import: {
    title: 'Nhập danh sách đảng viên',
    into: (unit: string) => `Vào: ${unit}`,
    step1: '1. Tải tệp mẫu',
    step1Hint:
      'Điền mỗi đảng viên một dòng, giữ nguyên dòng tiêu đề. Ngày ghi theo dạng ngày/tháng/năm. Đảng viên đã có (trùng số thẻ) sẽ được cập nhật.',
    templateXlsx: 'Tải mẫu Excel (.xlsx)',
    templateCsv: 'Tải mẫu CSV',
    step2: '2. Chọn tệp và kiểm tra',
    file: 'Tệp danh sách (.xlsx hoặc .csv)',
    fileHint: 'Tệp Excel hoặc CSV, tối đa 50 MB.',
    fileButton: 'Chọn tệp…',
    noFile: 'Chưa chọn tệp nào.',
    fileRequired: 'Hãy chọn tệp trước.',
    fileType: 'Chỉ nhận tệp .xlsx (Excel) hoặc .csv. Tệp .xls cũ: hãy mở bằng Excel rồi lưu lại dạng .xlsx.',
    fileTooLarge: 'Tệp lớn hơn 50 MB. Hãy chia thành nhiều tệp nhỏ hơn.',
    chosen: (name: string, size: string) => `Đã chọn: ${name} (${size})`,
    check: 'Kiểm tra tệp',
    checking: 'Đang kiểm tra…',
    allOrNothing:
      'Nhập theo nguyên tắc “tất cả hoặc không”: khi tệp còn dòng lỗi, không có gì được ghi vào hệ thống. Hãy kiểm tra trước, sửa hết lỗi rồi mới nhập.',
    step3: '3. Kết quả kiểm tra',
    rows: 'Số dòng',
    valid: 'Hợp lệ',
    toInsert: 'Thêm mới',
    toUpdate: 'Cập nhật',
    bad: 'Dòng lỗi',
    hasErrors: (n: number) =>
      `Tệp còn ${n} dòng lỗi. Chưa có gì được ghi vào hệ thống. Hãy sửa các dòng dưới đây trong tệp, lưu lại, chọn lại tệp và kiểm tra lại.`,
    truncated: (shown: number) => `Chỉ liệt kê ${shown} lỗi đầu tiên.`,
    errorsTable: 'Các dòng lỗi',
    colRow: 'Dòng',
    colColumn: 'Cột',
    colReason: 'Lý do',
    ignored: (cols: string) => `Các cột không dùng đến (bỏ qua): ${cols}.`,
    ready: (n: number) => `Tệp hợp lệ: ${members(n)} sẵn sàng để nhập.`,
    emptyFile: 'Tệp không có dòng dữ liệu nào.',
    run: (n: number) => `Nhập ${members(n)}`,
    running: 'Đang nhập…',
    phaseCheck: 'Đang kiểm tra lại dữ liệu',
    phaseWrite: 'Đang ghi vào hệ thống',
    progress: (done: number, total: number) => `${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')} dòng`,
    progressLabel: 'Tiến độ nhập',
    doneTitle: 'Đã nhập xong',
    doneSummary: (inserted: number, updated: number) =>
      `Đã thêm mới ${members(inserted)} và cập nhật ${members(updated)}.`,
    notApplied: 'Khi nhập, hệ thống phát hiện dòng lỗi nên chưa ghi gì. Hãy sửa tệp theo bảng dưới đây và làm lại.',
    failed: 'Nhập không thành công; chưa có gì được ghi vào hệ thống.',
    again: 'Nhập tệp khác',
    backToUnit: 'Về trang đơn vị',
    notAllowed: 'Bạn không có quyền nhập đảng viên vào đơn vị này.',
  },
  // ---- accounts ----
  accounts: {
    unit: 'Đơn vị',
    search: 'Tìm tài khoản',
    searchPlaceholder: 'Tên đăng nhập, họ tên hoặc số điện thoại',
    empty: 'Không có tài khoản nào khớp.',
    noUnit: 'Chưa có đơn vị nào trong phạm vi của bạn.',
    login: 'Tên đăng nhập',
    unitName: 'Sinh hoạt tại',
    roles: 'Vai trò',
    noRoles: 'Chưa có vai trò nào.',
    mustChange: 'Chưa đổi mật khẩu tạm',
    totp: 'Đã bật xác thực hai lớp',
    disabled: 'Đã khóa',
    reset: 'Cấp lại mật khẩu',
    resetTitle: 'Cấp lại mật khẩu',
    resetConfirm: (who: string) =>
      `Mật khẩu hiện tại của ${who} sẽ không dùng được nữa và ${who} bị đăng xuất trên mọi thiết bị. Bạn sẽ nhận một mật khẩu tạm để trao cho người đó.`,
    grant: 'Giao vai trò',
    grantTitle: (who: string) => `Giao vai trò cho ${who}`,
    role: 'Vai trò',
    roleUnit: 'Tại đơn vị',
    granted: 'Đã giao vai trò.',
    revoke: 'Thu hồi',
    revokeLabel: (role: string, unit: string) => `Thu hồi vai trò ${role} tại ${unit}`,
    revokeTitle: 'Thu hồi vai trò',
    revoked: 'Đã thu hồi vai trò.',
    count: (n: number) => `${n.toLocaleString('vi-VN')} tài khoản`,
  },
  // ---- audit ----
  audit: {
    filters: 'Bộ lọc',
    action: 'Thao tác',
    entity: 'Đối tượng',
    since: 'Từ ngày',
    until: 'Đến ngày',
    apply: 'Lọc',
    reset: 'Bỏ lọc',
    empty: 'Không có mục nào khớp bộ lọc.',
    by: 'Người thực hiện',
    ip: 'Địa chỉ IP',
    system: 'hệ thống',
    changes: 'Thay đổi',
    field: 'Trường',
    before: 'Trước',
    after: 'Sau',
    unchanged: (n: number) => `${n} trường không đổi`,
    noDetails: 'Không có chi tiết.',
    rangeInvalid: '“Đến ngày” phải sau “Từ ngày”.',
  },
};

// ---- Confirmation sentences: what will change, in plain words ----

export const confirmText = {
  move: (unit: string, memberCount: number, childCount: number, from: string | null, to: string, date: string) =>
    `${withCount(unit, memberCount)}${childCount > 0 ? `, cùng ${units(childCount)} cấp dưới,` : ''} sẽ được chuyển sang trực thuộc ${to} từ ngày ${ddmmyyyy(date)}` +
    (from ? ` (hiện trực thuộc ${from}).` : '.'),
  rename: (unit: string, name: string, date: string) =>
    `${unit} sẽ được đổi tên thành “${name}” từ ngày ${ddmmyyyy(date)}. Tên cũ vẫn được giữ trong lịch sử của đơn vị.`,
  // memberCount: the whole subtree; directMembers: those who sit in the unit itself (they move
  // into `into`; the others stay in their units, which move along).
  merge: (unit: string, memberCount: number, directMembers: number, childCount: number, into: string, date: string) =>
    `${withCount(unit, memberCount)} sẽ được hợp nhất vào ${into} từ ngày ${ddmmyyyy(date)}. ` +
    (directMembers > 0 ? `${members(directMembers)} của ${unit} chuyển sang sinh hoạt tại ${into}. ` : '') +
    (childCount > 0 ? `Các đơn vị cấp dưới (${units(childCount)}) chuyển theo sang ${into}. ` : '') +
    `Các chức vụ cấp ủy của ${unit} kết thúc và ${unit} thôi hoạt động.`,
  close: (unit: string, date: string) =>
    `${unit} sẽ giải thể từ ngày ${ddmmyyyy(date)}. Các chức vụ cấp ủy còn nhiệm kỳ kết thúc; lịch sử của đơn vị vẫn được giữ.`,
  create: (name: string, code: string, kindLabel: string, parent: string, date: string) =>
    `${name} (${kindLabel.toLowerCase()}, mã ${code.toUpperCase()}) sẽ được thành lập, trực thuộc ${parent}, từ ngày ${ddmmyyyy(date)}.`,
  endTerm: (position: string, member: string, unit: string, date: string) =>
    `${member} thôi giữ chức ${position} của ${unit} từ ngày ${ddmmyyyy(date)}.`,
  addPosition: (position: string, member: string, unit: string, from: string) =>
    `${member} được phân công giữ chức ${position} của ${unit} từ ngày ${ddmmyyyy(from)}.`,
  transfer: (member: string, from: string, to: string, date: string) =>
    `${member} sẽ chuyển sinh hoạt đảng từ ${from} sang ${to} từ ngày ${ddmmyyyy(date)}.`,
  status: (member: string, status: string, date: string | null) =>
    `Tình trạng của ${member} sẽ đổi thành “${status}”${date ? ` từ ngày ${ddmmyyyy(date)}` : ''}.`,
  grant: (who: string, role: string, unit: string) =>
    `${who} sẽ được giao vai trò ${role} tại ${unit} (bao gồm các đơn vị trực thuộc). Nếu đang đăng nhập, người đó phải đăng nhập lại.`,
  revoke: (who: string, role: string, unit: string) =>
    `${who} sẽ không còn vai trò ${role} tại ${unit}.`,
};
