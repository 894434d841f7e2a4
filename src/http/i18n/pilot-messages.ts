// Screen text for running fieldwork with phones: the /field address and its QR code on the admin home, the way
// from the web pages to the field app, and labels of the forms around it.
export const pilotMessages = {
  vi: {
    'pilot.title': 'Mở ứng dụng trên điện thoại',
    'home.field': 'Mở ứng dụng thực địa',
    'home.fieldHint':
      'Danh sách hộ được giao và phỏng vấn nằm trong ứng dụng thực địa (/field), dùng được cả khi mất mạng.',
    'results.roundCode': 'Mã đợt khảo sát',
    'supervise.backupFile': 'Tệp sao lưu từ điện thoại (.json)',
    'pilot.scan': 'Điều tra viên quét mã QR này bằng camera điện thoại để mở ứng dụng thực địa:',
    'pilot.qrAlt': 'Mã QR của địa chỉ ứng dụng thực địa',
    'pilot.loopback':
      'Điện thoại không mở được địa chỉ localhost: hãy mở trang này bằng địa chỉ mạng LAN của máy chủ (ví dụ https://192.168.1.10:3000/admin) hoặc đặt biến PUBLIC_URL.',
    'pilot.insecure':
      'Địa chỉ này dùng http: điện thoại chỉ làm việc ngoại tuyến qua https. Xem mục "Thí điểm trên mạng LAN" trong README.',
  },
  en: {
    'pilot.title': 'Open the app on a phone',
    'home.field': 'Open the field app',
    'home.fieldHint':
      'Your assigned households and interviews are in the field app (/field), which also works offline.',
    'results.roundCode': 'Round code',
    'supervise.backupFile': 'Backup file from a phone (.json)',
    'pilot.scan': "Surveyors scan this QR code with the phone's camera to open the field app:",
    'pilot.qrAlt': 'QR code of the field app address',
    'pilot.loopback':
      "Phones cannot open localhost: open this page by the server's LAN address (for example https://192.168.1.10:3000/admin) or set PUBLIC_URL.",
    'pilot.insecure':
      'This address uses http: phones work offline only over https. See "Pilot on a LAN" in the README.',
  },
} as const;
