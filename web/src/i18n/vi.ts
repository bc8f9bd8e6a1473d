// Every string a person reads, in Vietnamese with full diacritics. One catalogue so wording is
// reviewed in one place and a later translation (or a dialect review) touches one file.
// Strings that take values are functions, so the types check every placeholder.

export const vi = {
  app: {
    name: 'Sổ tay đảng viên',
    shortName: 'Sổ tay',
    loading: 'Đang tải…',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    mainNav: 'Điều hướng chính',
    back: 'Quay lại',
    close: 'Đóng',
    retry: 'Thử lại',
    save: 'Lưu',
    saving: 'Đang lưu…',
    cancel: 'Hủy',
    confirm: 'Xác nhận',
    yes: 'Có',
    no: 'Không',
    notSet: 'Chưa có',
    comingSoon: 'Sắp ra mắt',
  },
  nav: {
    home: 'Trang chủ',
    notices: 'Thông báo',
    profile: 'Cá nhân',
    settings: 'Cài đặt',
    committee: 'Quản lý',
    security: 'Bảo mật',
    signOut: 'Đăng xuất',
    signingOut: 'Đang đăng xuất…',
    menu: 'Trình đơn',
  },
  network: {
    offline: 'Bạn đang ngoại tuyến. Đang hiển thị dữ liệu đã lưu trên máy.',
    fromCache: 'Đang xem dữ liệu đã lưu trên máy.',
    queued: 'Đã lưu trên máy. Sẽ tự gửi khi có mạng trở lại.',
    pending: (n: number) => `${n} thay đổi đang chờ gửi khi có mạng.`,
    replayed: (n: number) => `Đã gửi ${n} thay đổi lưu khi ngoại tuyến.`,
    replayFailed: (message: string) => `Một thay đổi lưu khi ngoại tuyến không gửi được: ${message}`,
    needsNetwork: 'Thao tác này cần có mạng. Vui lòng thử lại khi có kết nối.',
    failed: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    pageUnavailableOffline: 'Trang này chưa được lưu trên máy nên không mở được khi ngoại tuyến.',
  },
  // Notices arriving while the app is open (lib/inbox.ts, components/NoticeToasts.tsx).
  live: {
    sent: (title: string) => `Thông báo mới: ${title}`,
    urgent: (title: string) => `Thông báo khẩn: ${title}`,
    corrected: (title: string) => `Thông báo đã được đính chính: ${title}`,
    recalled: (title: string) => `Thông báo đã bị thu hồi: ${title}`,
    reminded: (title: string) => `Nhắc xác nhận đã nhận: ${title}`,
    open: 'Xem',
    unread: (n: number) => `${n.toLocaleString('vi-VN')} chưa đọc`,
  },
  // Web Push (lib/push.ts): the offer card and the switch in Settings.
  push: {
    offerTitle: 'Nhận thông báo khi không mở ứng dụng?',
    offerBody: 'Điện thoại sẽ báo ngay khi cấp ủy gửi thông báo, kể cả khi bạn không mở Sổ tay.',
    agree: 'Đồng ý',
    later: 'Để sau',
    working: 'Đang bật…',
    enabled: 'Đã bật nhận thông báo trên thiết bị này.',
    disabled: 'Đã tắt nhận thông báo trên thiết bị này.',
    refused: 'Bạn chưa cho phép Sổ tay gửi thông báo. Có thể bật lại trong Cài đặt.',
    failed: 'Thiết bị này chưa bật được thông báo. Vui lòng thử lại sau.',
    switchLabel: 'Nhận thông báo khi không mở ứng dụng',
    switchHint: 'Điện thoại hiện thông báo của cấp ủy ngay cả khi Sổ tay đang đóng.',
    blocked:
      'Trình duyệt đang chặn thông báo của Sổ tay. Hãy mở phần cài đặt của trình duyệt (biểu tượng ổ khóa cạnh địa chỉ) và cho phép thông báo.',
  },
  update: {
    available: 'Đã có phiên bản mới',
    reload: 'Tải lại',
  },
  errors: {
    generic: 'Đã có lỗi xảy ra. Vui lòng thử lại.',
    sessionExpired: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    server: 'Máy chủ đang bận hoặc gặp sự cố. Vui lòng thử lại sau ít phút.',
  },
  forbidden: {
    title: 'Không có quyền truy cập',
    body: 'Trang này dành cho cấp ủy hoặc quản trị viên phụ trách, hoặc nội dung không thuộc phạm vi của bạn.',
    hint: 'Nếu bạn cho rằng mình cần quyền này, hãy liên hệ chi ủy hoặc quản trị viên.',
    home: 'Về trang chủ',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Địa chỉ này không có trong Sổ tay. Có thể đường dẫn đã sai hoặc đã cũ.',
  },
  signIn: {
    title: 'Đăng nhập',
    intro: 'Sổ tay đảng viên điện tử',
    login: 'Số điện thoại hoặc tên đăng nhập',
    password: 'Mật khẩu',
    showPassword: 'Hiện mật khẩu',
    totp: 'Mã xác thực 6 số',
    totpHint: 'Mở ứng dụng xác thực trên điện thoại và nhập mã đang hiển thị.',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    loginRequired: 'Vui lòng nhập số điện thoại hoặc tên đăng nhập.',
    passwordRequired: 'Vui lòng nhập mật khẩu.',
    totpRequired: 'Vui lòng nhập mã xác thực.',
    retryIn: (seconds: number) => `Bạn có thể thử lại sau ${formatWait(seconds)}.`,
    help: 'Quên mật khẩu? Hãy liên hệ chi ủy hoặc quản trị viên để được cấp lại.',
  },
  home: {
    greeting: (name: string) => `Xin chào, ${name}`,
    greetingNoName: 'Xin chào',
    sections: 'Chuyên mục',
    noMember: 'Tài khoản này không gắn với hồ sơ đảng viên nên không có thẻ đảng viên.',
    noMemberRoles: 'Vai trò của bạn:',
    unreadNotices: (n: number) => `${n.toLocaleString('vi-VN')} thông báo chưa đọc`,
    toAck: (n: number) => `Có ${n.toLocaleString('vi-VN')} thông báo cấp ủy đang chờ bạn bấm “Đã nhận”.`,
    toAckGo: 'Xem ngay',
  },
  card: {
    title: 'Thẻ đảng viên điện tử',
    name: 'Họ và tên',
    unit: 'Chi bộ',
    cardNumber: 'Số thẻ',
    status: 'Trạng thái',
    qrLabel: (name: string) => `Mã QR định danh đảng viên ${name}, dùng để điểm danh`,
    qrHint: 'Đưa mã này cho chi ủy quét khi điểm danh.',
  },
  sections: {
    news: { title: 'Tin tức', description: 'Thông tin chính thống của Đảng bộ tỉnh.' },
    documents: { title: 'Tài liệu', description: 'Nghị quyết, quy định, chỉ thị, hướng dẫn.' },
    notices: { title: 'Thông báo', description: 'Thông báo của cấp ủy gửi đảng viên.' },
    study: { title: 'Học tập', description: 'Chuyên đề, bài học và điểm tích lũy.' },
    calendar: { title: 'Lịch', description: 'Lịch sinh hoạt và lịch công tác cá nhân.' },
    placeholder: 'Chuyên mục này đang được xây dựng và sẽ có trong phiên bản tới.',
  },
  profile: {
    title: 'Thông tin cá nhân',
    personal: 'Hồ sơ',
    contact: 'Liên hệ',
    fullName: 'Họ và tên',
    birthDate: 'Ngày sinh',
    sex: 'Giới tính',
    sexNam: 'Nam',
    sexNu: 'Nữ',
    admittedOn: 'Ngày vào Đảng',
    officialOn: 'Ngày chính thức',
    cardNumber: 'Số thẻ đảng viên',
    unit: 'Chi bộ',
    status: 'Trạng thái',
    phone: 'Số điện thoại',
    email: 'Thư điện tử',
    login: 'Tên đăng nhập',
    editContact: 'Sửa thông tin liên hệ',
    contactHint: 'Các thông tin khác do chi ủy cập nhật. Nếu có sai sót, hãy báo chi ủy.',
    saved: 'Đã lưu thông tin liên hệ.',
    noMember: 'Tài khoản này không gắn với hồ sơ đảng viên.',
    roles: 'Vai trò',
    account: 'Tài khoản',
  },
  password: {
    title: 'Đổi mật khẩu',
    forcedTitle: 'Đặt mật khẩu mới',
    forcedIntro: 'Đây là lần đăng nhập đầu tiên hoặc mật khẩu vừa được cấp lại. Hãy đặt mật khẩu của riêng bạn để tiếp tục.',
    current: 'Mật khẩu hiện tại',
    currentForced: 'Mật khẩu bạn vừa dùng để đăng nhập',
    next: 'Mật khẩu mới',
    repeat: 'Nhập lại mật khẩu mới',
    rules: 'Ít nhất 8 ký tự, có cả chữ và số, không chứa tên đăng nhập.',
    submit: 'Đổi mật khẩu',
    submitting: 'Đang đổi…',
    currentRequired: 'Vui lòng nhập mật khẩu hiện tại.',
    nextRequired: 'Vui lòng nhập mật khẩu mới.',
    mismatch: 'Hai lần nhập mật khẩu mới không khớp.',
    done: 'Đã đổi mật khẩu.',
  },
  totp: {
    title: 'Xác thực hai lớp',
    forcedIntro: 'Vai trò của bạn cần bật xác thực hai lớp trước khi tiếp tục.',
    intro: 'Mỗi lần đăng nhập, ngoài mật khẩu bạn sẽ nhập thêm mã 6 số từ ứng dụng xác thực trên điện thoại.',
    enabled: 'Xác thực hai lớp đang bật cho tài khoản này.',
    disabledNote: 'Xác thực hai lớp chưa bật.',
    start: 'Bắt đầu thiết lập',
    starting: 'Đang tạo mã…',
    restart: 'Thiết lập lại với mã mới',
    step1: 'Bước 1. Mở ứng dụng xác thực (ví dụ Google Authenticator, Microsoft Authenticator) và quét mã QR dưới đây.',
    qrLabel: 'Mã QR để thêm Sổ tay vào ứng dụng xác thực',
    manual: 'Không quét được? Nhập khóa này vào ứng dụng:',
    step2: 'Bước 2. Nhập mã 6 số ứng dụng đang hiển thị.',
    code: 'Mã 6 số',
    codeRequired: 'Vui lòng nhập mã 6 số.',
    confirm: 'Xác nhận và bật',
    confirming: 'Đang xác nhận…',
    done: 'Đã bật xác thực hai lớp.',
  },
  sessions: {
    title: 'Thiết bị và phiên đăng nhập',
    intro: 'Các thiết bị đang đăng nhập tài khoản của bạn. Nếu thấy thiết bị lạ, hãy đăng xuất thiết bị đó và đổi mật khẩu.',
    current: 'Thiết bị này',
    lastSeen: 'Hoạt động gần nhất',
    createdAt: 'Đăng nhập lúc',
    ip: 'Địa chỉ IP',
    revoke: 'Đăng xuất thiết bị này',
    revoking: 'Đang đăng xuất…',
    revoked: 'Đã đăng xuất thiết bị.',
    everywhere: 'Đăng xuất khỏi mọi thiết bị',
    everywhereConfirm: 'Bạn sẽ bị đăng xuất trên tất cả thiết bị, kể cả thiết bị này. Tiếp tục?',
    empty: 'Không có phiên đăng nhập nào khác.',
    unknownDevice: 'Thiết bị không rõ',
    deviceOn: (browser: string, os: string) => `${browser} trên ${os}`,
  },
  settings: {
    title: 'Cài đặt',
    display: 'Hiển thị',
    largeText: 'Chữ lớn',
    largeTextHint: 'Phóng to chữ và nút bấm trong toàn bộ Sổ tay. Cỡ chữ của điện thoại cũng được áp dụng.',
    notifications: 'Thông báo',
    notificationsHint: 'Chọn những gì Sổ tay báo cho bạn. Lựa chọn được lưu trên máy này và vào tài khoản của bạn.',
    notifyNotices: 'Thông báo của cấp ủy',
    notifyLevels: 'Nhận thông báo của cấp',
    levels: { central: 'Trung ương', province: 'Tỉnh', base: 'Cơ sở', cell: 'Chi bộ' },
    urgentAlways: 'Thông báo khẩn luôn được gửi.',
    notifyMeetings: 'Nhắc lịch sinh hoạt chi bộ',
    notifyNews: 'Tin tức mới',
    notifyReading: 'Nhắc đọc tài liệu',
    notifyStudy: 'Nhắc học tập',
    deviceOnly: 'Chỉ lưu trên máy này.',
    syncLabel: 'Lưu lựa chọn thông báo',
    saved: 'Đã lưu cài đặt.',
    account: 'Tài khoản',
    version: (v: string) => `Phiên bản ${v}`,
  },
  committee: {
    title: 'Quản lý',
    intro: 'Các công việc của cấp ủy trong phạm vi được giao.',
    orgTree: 'Tổ chức đảng',
    orgTreeHint: 'Cây tổ chức, số đảng viên, tìm kiếm đơn vị.',
    unit: 'Đơn vị',
    member: 'Hồ sơ đảng viên',
    import: 'Nhập danh sách đảng viên',
    importHint: 'Nhập từ tệp CSV hoặc Excel, kiểm tra trước khi ghi.',
    accounts: 'Tài khoản',
    accountsHint: 'Cấp lại mật khẩu, giao và thu hồi vai trò.',
    audit: 'Nhật ký hệ thống',
    auditHint: 'Ai đã làm gì, khi nào.',
    underConstruction: 'Màn hình này đang được xây dựng.',
  },
  roles: {
    member: 'Đảng viên',
    cell_committee: 'Chi ủy',
    committee: 'Cấp ủy',
    editor: 'Biên tập viên',
    admin: 'Quản trị viên',
  } as Record<string, string>,
} as const;

// "90 giây", "2 phút", "1 phút 30 giây": people read minutes more easily than 90 seconds.
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} giây`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} phút ${rest} giây` : `${m} phút`;
}

const dateFormat = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

// The API sends calendar dates as YYYY-MM-DD: show them as 05/03/1970 without a time-zone shift.
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return vi.app.notSet;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return vi.app.notSet;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
}
