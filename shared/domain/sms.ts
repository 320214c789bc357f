// SMS length: a message in the GSM 7-bit alphabet fits 160 characters (153
// per part when split), anything else (Cyrillic, Chinese, emoji) is sent as
// UCS-2 with 70 (67 per part). The extension table's characters take two
// septets. The editor shows this as the text is typed; gateways bill per part.

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the gateway counts them: septets for GSM-7, UTF-16 units for UCS-2. */
  chars: number;
  segments: number;
  /** Room left in the last part. */
  remaining: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const [chars, single, multi] = gsm ? [septets, 160, 153] : [text.length, 70, 67];
  const segments = chars === 0 ? 0 : chars <= single ? 1 : Math.ceil(chars / multi);
  const capacity = segments <= 1 ? single : segments * multi;
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', chars, segments, remaining: capacity - chars };
}
