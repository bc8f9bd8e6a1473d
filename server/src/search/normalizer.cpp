#include "search/normalizer.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <climits>
#include <stdexcept>

namespace sotay::search {

namespace {

// Combining tone marks as they appear after NFD.
constexpr char16_t kGrave = 0x0300;      // huyền
constexpr char16_t kAcute = 0x0301;      // sắc
constexpr char16_t kTilde = 0x0303;      // ngã
constexpr char16_t kHookAbove = 0x0309;  // hỏi
constexpr char16_t kDotBelow = 0x0323;   // nặng
// Combining vowel-quality marks: â ê ô, ă, ơ ư.
constexpr char16_t kCircumflex = 0x0302;
constexpr char16_t kBreve = 0x0306;
constexpr char16_t kHorn = 0x031B;
constexpr char16_t kSmallDStroke = 0x0111;  // đ; has no decomposition, so folding maps it by hand

// The longest Vietnamese syllable ("nghiêng") has 7 letters; a longer run of letters is a
// foreign word or several syllables written together, and is left as it is.
constexpr int kMaxSyllableLetters = 8;

const icu::Normalizer2& nfc() {
  // ICU caches these singletons itself; the static only saves the lookup and error check.
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFC normalizer unavailable");
    return n;
  }();
  return *instance;
}

const icu::Normalizer2& nfd() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFD normalizer unavailable");
    return n;
  }();
  return *instance;
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ICU string lengths are int32_t; refuse rather than silently truncate.
icu::UnicodeString to_unicode(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) throw std::length_error("text too long to normalize");
  // fromUTF8 replaces ill-formed sequences with U+FFFD, which is what we keep.
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString normalized(const icu::Normalizer2& form, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = form.normalize(text, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalization failed: ") + u_errorName(status));
  return out;
}

// Lowercase first, then decompose: every later step works on base letters plus separate
// combining marks.
icu::UnicodeString lower_nfd(std::string_view utf8) {
  icu::UnicodeString text = to_unicode(utf8);
  text.toLower(icu::Locale::getRoot());
  return normalized(nfd(), text);
}

bool is_tone_mark(UChar32 c) {
  return c == kGrave || c == kAcute || c == kTilde || c == kHookAbove || c == kDotBelow;
}

bool is_quality_mark(UChar32 c) { return c == kCircumflex || c == kBreve || c == kHorn; }

bool is_mark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

bool is_vowel(char16_t base) {
  return base == u'a' || base == u'e' || base == u'i' || base == u'o' || base == u'u' || base == u'y';
}

// Only the combinations Vietnamese writes: â ê ô, ă, ơ ư.
bool quality_fits(char16_t base, char16_t quality) {
  switch (quality) {
    case 0: return true;
    case kCircumflex: return base == u'a' || base == u'e' || base == u'o';
    case kBreve: return base == u'a';
    case kHorn: return base == u'o' || base == u'u';
    default: return false;
  }
}

struct Letter {
  char16_t base = 0;     // a-z or đ
  char16_t quality = 0;  // kCircumflex, kBreve, kHorn or 0
  int32_t end = 0;       // index just past this letter's last combining mark
};

// Which letter of the vowel nucleus [first, last) carries the tone.
int tone_target(const Letter* letters, int first, int last, bool has_final) {
  // A vowel with a quality mark always takes the tone; in ươ it is the ơ (the last one).
  for (int k = last - 1; k >= first; --k) {
    if (letters[k].quality != 0) return k;
  }
  int nucleus = last - first;
  if (nucleus == 1) return first;
  if (nucleus == 2) {
    // Closed syllable (hoàng, toán, hoạch, huỳnh): the second vowel. Open syllable: the first
    // vowel, which for oa/oe/uy is the classic placement used in Party documents (hòa, khỏe,
    // thủy, ủy) and for ai/ao/au/ay/eo/ia/iu/oi/ua/ui is the only placement there is.
    return has_final ? first + 1 : first;
  }
  // oai, oay, oeo, uya, uyu: the middle vowel.
  return first + 1;
}

// Moves the tone of the syllable in text[start, end) onto the vowel the convention says.
// Leaves the run untouched unless it is unmistakably one Vietnamese syllable with one tone,
// so foreign words, abbreviations and odd input pass through exactly as NFC + lowercase.
// Returns true if the text changed (its length never does).
bool place_tone(icu::UnicodeString& text, int32_t start, int32_t end) {
  const char16_t* buffer = text.getBuffer();
  Letter letters[kMaxSyllableLetters];
  int count = 0;
  int tone_letter = -1;
  int32_t tone_pos = -1;
  for (int32_t i = start; i < end;) {
    UChar32 c;
    U16_NEXT(buffer, i, end, c);
    if (is_mark(c)) {
      if (count == 0) return false;  // a mark with no letter to sit on
      Letter& letter = letters[count - 1];
      if (is_tone_mark(c)) {
        if (tone_letter >= 0) return false;  // two tones: not ours to fix
        tone_letter = count - 1;
        tone_pos = i - 1;  // tone marks are single UTF-16 units
      } else if (is_quality_mark(c) && letter.quality == 0) {
        letter.quality = static_cast<char16_t>(c);
      } else {
        return false;  // a mark Vietnamese does not use (ü, ç, …)
      }
      letter.end = i;
    } else {
      bool latin = (c >= u'a' && c <= u'z') || c == kSmallDStroke;
      if (!latin || count == kMaxSyllableLetters) return false;
      letters[count++] = Letter{static_cast<char16_t>(c), 0, i};
    }
  }
  if (tone_letter < 0 || !is_vowel(letters[tone_letter].base)) return false;
  for (int k = 0; k < count; ++k) {
    if (!quality_fits(letters[k].base, letters[k].quality)) return false;
  }

  int first = 0;
  while (first < count && !is_vowel(letters[first].base)) ++first;
  int last = first;
  while (last < count && is_vowel(letters[last].base)) ++last;
  for (int k = last; k < count; ++k) {
    if (is_vowel(letters[k].base)) return false;  // two vowel groups: not one syllable
  }
  // In the initials gi- and qu- the i/u belongs to the consonant (già, quý, quốc), as long as
  // a vowel follows; in gì, gìn the i is the vowel.
  if (first == 1 && last - first >= 2 && letters[1].quality == 0 &&
      ((letters[0].base == u'g' && letters[1].base == u'i') || (letters[0].base == u'q' && letters[1].base == u'u'))) {
    ++first;
  }
  if (last - first > 3) return false;

  int target = tone_target(letters, first, last, last < count);
  int32_t insert_at = letters[target].end;
  // Already the last mark on the right vowel: nothing to do. Otherwise the tone goes after
  // the vowel's quality mark, so that NFC composes e.g. e + ̂ + ́ into ế (both marks have
  // combining class 230, so their order is significant).
  if (target == tone_letter && tone_pos == insert_at - 1) return false;
  char16_t tone = buffer[tone_pos];
  text.remove(tone_pos, 1);
  if (tone_pos < insert_at) --insert_at;
  text.insert(insert_at, tone);
  return true;
}

bool is_syllable_part(UChar32 c) { return u_isalpha(c) || is_mark(c); }

// Finds each run of letters (with their marks) and fixes its tone placement in place.
void place_tones(icu::UnicodeString& text) {
  int32_t length = text.length();
  int32_t i = 0;
  while (i < length) {
    const char16_t* buffer = text.getBuffer();
    UChar32 c;
    int32_t start = i;
    U16_NEXT(buffer, i, length, c);
    if (!is_syllable_part(c)) continue;
    bool has_tone = is_tone_mark(c);
    int32_t end = i;
    while (end < length) {
      int32_t next = end;
      U16_NEXT(buffer, next, length, c);
      if (!is_syllable_part(c)) break;
      has_tone = has_tone || is_tone_mark(c);
      end = next;
    }
    // Runs without a tone mark (most of any text) need no analysis.
    if (has_tone) place_tone(text, start, end);
    i = end;
  }
}

icu::UnicodeString exact_unicode(std::string_view utf8) {
  icu::UnicodeString text = lower_nfd(utf8);
  place_tones(text);
  return normalized(nfc(), text);
}

// U+FFFD in UTF-8: what ill-formed input becomes, as ICU's fromUTF8 does elsewhere.
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

}  // namespace

std::string normalize_exact(std::string_view utf8) {
  // ASCII has no marks and no tones: lowercasing is the whole job.
  if (is_ascii(utf8)) return ascii_lower(utf8);
  return to_utf8(exact_unicode(utf8));
}

std::string fold(std::string_view utf8) {
  if (is_ascii(utf8)) return ascii_lower(utf8);
  // Tone placement only moves marks that are stripped here anyway, so folding skips it and
  // goes straight from the lowercase NFD form; the result equals fold(normalize_exact(x)).
  icu::UnicodeString decomposed = lower_nfd(utf8);
  int32_t length = decomposed.length();
  icu::UnicodeString stripped(length, UChar32(0), 0);  // capacity only
  bool ascii_only = true;
  for (int32_t i = 0; i < length;) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if ((U_GET_GC_MASK(c) & U_GC_MN_MASK) != 0) continue;
    if (c == kSmallDStroke) c = u'd';
    if (c >= 0x80) ascii_only = false;
    stripped.append(c);
  }
  // What is left may still need composing (Hangul jamo, marks of other categories); pure
  // ASCII, the usual outcome for Vietnamese, cannot.
  if (!ascii_only) stripped = normalized(nfc(), stripped);
  return to_utf8(stripped);
}

std::string squeeze_spaces(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) throw std::length_error("text too long to squeeze");
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t length = static_cast<int32_t>(utf8.size());
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      pending_space = true;
      continue;
    }
    // A separator only between two non-space pieces: leading and trailing runs vanish.
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    if (c >= 0) {
      out.append(utf8.data() + start, static_cast<std::size_t>(i - start));
    } else {
      out.append(kReplacementCharacter);
    }
  }
  return out;
}

std::string name_sort_key(std::string_view full_name) {
  std::string full = squeeze_spaces(full_name);
  std::size_t space = full.rfind(' ');
  std::string_view given = space == std::string::npos ? std::string_view(full) : std::string_view(full).substr(space + 1);
  // \x01 sorts below every printable character, so "An" comes before "Anh" and the fields
  // never bleed into each other.
  std::string key = fold(given);
  key += '\x01';
  key += fold(full);
  key += '\x01';
  key += normalize_exact(full);
  return key;
}

std::string title_case_name(std::string_view utf8) {
  std::string squeezed = squeeze_spaces(utf8);
  if (is_ascii(squeezed)) {
    bool word_start = true;
    for (char& c : squeezed) {
      if (c == ' ') {
        word_start = true;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        c = static_cast<char>(word_start ? (c & ~0x20) : (c | 0x20));
        word_start = false;
      }
    }
    return squeezed;
  }
  icu::UnicodeString text = to_unicode(squeezed);
  text.toLower(icu::Locale::getRoot());
  // Composed first, so the first letter of "ủy" typed as u + ̉ + y is one code point to
  // uppercase, with its marks.
  text = normalized(nfc(), text);
  bool word_start = true;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    int32_t size = U16_LENGTH(c);
    if (c == u' ') {
      word_start = true;
    } else if (word_start && u_isalpha(c)) {
      UChar32 title = u_totitle(c);
      text.replace(i, size, title);
      size = U16_LENGTH(title);
      word_start = false;
    }
    i += size;
  }
  return to_utf8(text);
}

}  // namespace sotay::search
