/*
 * ToasoanDiacritics.check(text): does a comment look like Vietnamese typed
 * without diacritics? The browser port of diacritics.Check (check.go): the
 * same syllable rules, word splitting and thresholds, so that the page and
 * the server agree (TestJSMatchesGo runs this file with Node.js over the
 * same texts and compares every field of the verdict).
 *
 * Plain ES5, no dependencies. It defines the global ToasoanDiacritics (and
 * module.exports under Node.js):
 *
 *   ToasoanDiacritics.check("Bai viet rat hay") →
 *     {missing, words, syllables, vietnameseShare, accentedShare,
 *      tonelessShare, message}
 */
(function (root) {
  'use strict';

  // Keep in step with check.go and syllable.go.
  var MIN_WORDS = 4;
  var MIN_EVIDENCE = 3;
  var MIN_TONELESS = 0.7;
  var MAX_ACCENTED = 0.15;
  var MESSAGE_MISSING = 'Vui lòng gõ tiếng Việt có dấu: bình luận viết không dấu khó đọc và dễ bị hiểu sai.';

  var VOWELS_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
  var VOWELS_UPPER = 'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ';
  var ONSETS = 'b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x';
  var RIMES = '' +
    'a ac ach ai am an ang anh ao ap at au ay ' +
    'ăc ăm ăn ăng ăp ăt ' +
    'âc âm ân âng âp ât âu ây ' +
    'e ec em en eng eo ep et ' +
    'ê êch êm ên ênh êp êt êu ' +
    'i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu ' +
    'o oc oi om on ong op ot ooc oong ' +
    'ô ôc ôi ôm ôn ông ôp ôt ' +
    'ơ ơi ơm ơn ơp ơt ' +
    'u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt ' +
    'ư ưa ưc ưi ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu ' +
    'y yêm yên yêt yêu ynh ych yt ' +
    'oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet ' +
    'uân uâng uât uây uê uêch uênh uơ uy uych uynh uyp uyt uyu uya uyên uyêt';
  var ENGLISH_LIKE = '' +
    'a i am an at be do go he hi in it me my no on so to up ' +
    'the but not can man men ten then them him than that thin ' +
    'let met net set yet bet pet got hot lot dot pot ' +
    'top hop pop cop cup cut hut nut put ' +
    'bit hit kit lit pit sit tip lip hip ' +
    'cat bat hat mat sat pat map cap tap ' +
    'long song hang sang bang rang ' +
    'hung run sun gun ' +
    'day may pay say bay lay ' +
    'pin tom mom';

  var CHAT_WORDS = 'ko hok bik thik wa ak uk oy mik ik ny';

  var TONE_NGANG = 0, TONE_SAC = 2, TONE_NANG = 5;
  var KIND_SKIP = 0, KIND_OTHER = 1, KIND_PLAIN = 2, KIND_ACCENTED = 3;
  var MAX_LETTERS = 7;

  function words(s) {
    return s.split(' ').filter(function (w) { return w !== ''; });
  }

  function set(list) {
    var m = {};
    for (var i = 0; i < list.length; i++) {
      m[list[i]] = true;
    }
    return m;
  }

  function has(m, k) {
    return Object.prototype.hasOwnProperty.call(m, k);
  }

  // letters[ch] = {lower, base, fold, tone, upper}
  var letters = {};
  (function () {
    var c, i;
    for (c = 97; c <= 122; c++) {
      var l = String.fromCharCode(c);
      letters[l] = { lower: l, base: l, fold: l, tone: 0, upper: false };
      letters[l.toUpperCase()] = { lower: l, base: l, fold: l, tone: 0, upper: true };
    }
    var folds = { 'a': 'a', 'ă': 'a', 'â': 'a', 'e': 'e', 'ê': 'e', 'i': 'i', 'o': 'o', 'ô': 'o', 'ơ': 'o', 'u': 'u', 'ư': 'u', 'y': 'y' };
    for (i = 0; i < VOWELS_LOWER.length; i++) {
      var base = VOWELS_LOWER.charAt(i - i % 6);
      var lo = VOWELS_LOWER.charAt(i);
      letters[lo] = { lower: lo, base: base, fold: folds[base], tone: i % 6, upper: false };
      letters[VOWELS_UPPER.charAt(i)] = { lower: lo, base: base, fold: folds[base], tone: i % 6, upper: true };
    }
    letters['đ'] = { lower: 'đ', base: 'đ', fold: 'd', tone: 0, upper: false };
    letters['Đ'] = { lower: 'đ', base: 'đ', fold: 'd', tone: 0, upper: true };
  })();

  function startsWith(s, p) {
    return s.substring(0, p.length) === p;
  }

  function onsetFits(onset, rime) {
    var r0 = rime.charAt(0), r1 = rime.charAt(1);
    var front = r0 === 'e' || r0 === 'ê' || r0 === 'i' || r0 === 'y';
    var medialO = r0 === 'o' && (r1 === 'a' || r1 === 'ă' || r1 === 'e');
    var medialU = r0 === 'u' && (r1 === 'â' || r1 === 'ê' || r1 === 'y' || r1 === 'ơ');
    var iee = startsWith(rime, 'iê');
    var yee = startsWith(rime, 'yê');
    var quOnly = rime === 'ynh' || rime === 'ych' || rime === 'yt';
    if (quOnly && onset !== 'qu') {
      return false;
    }
    if (yee && onset !== '' && onset !== 'qu') {
      return false;
    }
    if (iee && (onset === '' || onset === 'qu' || onset === 'gi')) {
      return false;
    }
    if (rime === 'y' && !has(set(['', 'h', 'k', 'l', 'm', 's', 't', 'th', 'v', 'qu']), onset)) {
      return false;
    }
    switch (onset) {
      case 'qu':
        return !medialO && !medialU && r0 !== 'u' && r0 !== 'ư' && r0 !== 'o' && (r0 !== 'ô' || rime === 'ôc');
      case 'gi':
        return !front && !medialO && !medialU;
      case 'c':
      case 'ng':
        return !front && (onset === 'ng' || (!medialO && !medialU));
      case 'k':
      case 'gh':
      case 'ngh':
        return front && (r0 !== 'y' || onset === 'k');
      case 'g':
        return r0 !== 'e' && r0 !== 'ê' && r0 !== 'y' && !medialU;
      case 'b':
      case 'm':
      case 'p':
      case 'ph':
      case 'v':
        // No medial o/u after labials, but for the loanword "buýt" (bus).
        return (!medialO && !medialU) || (onset === 'b' && rime === 'uyt');
      case 'r':
        return !medialU;
    }
    return true;
  }

  var toneless = {}, folded = {};
  (function () {
    var onsets = [''].concat(words(ONSETS)), rimes = words(RIMES);
    for (var i = 0; i < onsets.length; i++) {
      for (var j = 0; j < rimes.length; j++) {
        if (!onsetFits(onsets[i], rimes[j])) {
          continue;
        }
        var s = onsets[i] + rimes[j], f = '';
        for (var k = 0; k < s.length; k++) {
          f += letters[s.charAt(k)].fold;
        }
        toneless[s] = true;
        folded[f] = true;
      }
    }
  })();
  var englishLike = set(words(ENGLISH_LIKE));
  var chatWords = set(words(CHAT_WORDS));

  function isStop(s) {
    var last = s.charAt(s.length - 1);
    return last === 'c' || last === 'p' || last === 't' || (last === 'h' && s.length >= 2 && s.charAt(s.length - 2) === 'c');
  }

  // classify returns [kind, lower-cased syllable]; see classify in syllable.go.
  function classify(word) {
    var low = '', base = '', n = 0, tones = 0, tone = TONE_NGANG;
    var vowel = false, ascii = true, foreign = false;
    for (var i = 0; i < word.length; i++) {
      var ch = word.charAt(i), c = word.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        return [KIND_SKIP, ''];
      }
      if (!has(letters, ch)) {
        foreign = true;
        continue;
      }
      var li = letters[ch];
      if (c >= 128) {
        ascii = false;
      }
      if ('aeiouy'.indexOf(li.fold) >= 0) {
        vowel = true;
      }
      if (li.tone !== TONE_NGANG) {
        tones++;
        tone = li.tone;
      }
      n++;
      if (n <= MAX_LETTERS) {
        low += li.lower;
        base += li.base;
      }
    }
    if (!vowel && !foreign) {
      return [KIND_SKIP, ''];
    }
    if (foreign || n > MAX_LETTERS || tones > 1) {
      return [KIND_OTHER, ''];
    }
    if (ascii) {
      return has(folded, low) ? [KIND_PLAIN, low] : [KIND_OTHER, ''];
    }
    if (!has(toneless, base)) {
      return [KIND_OTHER, ''];
    }
    if (isStop(base) && tone !== TONE_SAC && tone !== TONE_NANG) {
      return [KIND_OTHER, ''];
    }
    return [KIND_ACCENTED, low];
  }

  function isSpace(c) {
    return c === 32 || (c >= 9 && c <= 13) || c === 0xA0 || c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200B) || c === 0x2028 || c === 0x2029 || c === 0x202F ||
      c === 0x205F || c === 0x3000 || c === 0xFEFF;
  }

  // Code units of astral characters (surrogates) are separators, as runes
  // outside the Basic Multilingual Plane are in Go.
  function isSeparator(c) {
    if (c < 128) {
      return !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57));
    }
    return c <= 0xBF || c === 0xD7 || c === 0xF7 ||
      (c >= 0x2000 && c <= 0x206F) || (c >= 0x2190 && c <= 0x2BFF) ||
      (c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x303F) ||
      (c >= 0xD800 && c <= 0xDFFF) || (c >= 0xFE00 && c <= 0xFE0F) || c === 0xFEFF;
  }

  function isAddress(chunk) {
    if (chunk.indexOf('://') >= 0 || chunk.indexOf('@') >= 0) {
      return true;
    }
    if (chunk.length >= 4 && chunk.substring(0, 4).toLowerCase() === 'www.') {
      return true;
    }
    var c = chunk.replace(/[.,;:!?)\]}\x27\x22]+$/, '').replace(/^[(\[{\x27\x22]+/, '');
    var dot = false;
    for (var i = 0; i < c.length; i++) {
      var b = c.charCodeAt(i);
      if ((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 45 || b === 95 || b === 47) {
        continue;
      }
      if (b === 46) {
        if (i > 0 && i < c.length - 1 && c.charAt(i - 1) !== '.' && c.charAt(i + 1) !== '.') {
          dot = true;
        }
        continue;
      }
      return false;
    }
    return dot;
  }

  function eachWord(s, fn) {
    var i = 0;
    while (i < s.length) {
      if (isSpace(s.charCodeAt(i))) {
        i++;
        continue;
      }
      var j = i;
      while (j < s.length && !isSpace(s.charCodeAt(j))) {
        j++;
      }
      var chunk = s.substring(i, j);
      if (!isAddress(chunk)) {
        var start = -1;
        for (var k = 0; k <= chunk.length; k++) {
          var sep = k === chunk.length || isSeparator(chunk.charCodeAt(k));
          if (!sep && start < 0) {
            start = k;
          } else if (sep && start >= 0) {
            fn(chunk.substring(start, k));
            start = -1;
          }
        }
      }
      i = j;
    }
  }

  // normalize does what viet.Normalize does: line breaks to \n, other C0
  // controls but tab dropped, Ð/ð to Đ/đ, NFC.
  function normalize(text) {
    text = String(text).replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, '')
      .replace(/\u00D0/g, '\u0110').replace(/\u00F0/g, '\u0111');
    if (typeof text.normalize === 'function') {
      text = text.normalize('NFC');
    }
    return text;
  }

  function check(text) {
    var plain = 0, english = 0, accented = 0, other = 0, chat = 0;
    eachWord(normalize(text), function (w) {
      var r = classify(w);
      switch (r[0]) {
        case KIND_PLAIN:
          plain++;
          if (has(englishLike, r[1])) {
            english++;
          }
          break;
        case KIND_ACCENTED:
          accented++;
          break;
        case KIND_OTHER:
          other++;
          if (/^[A-Za-z]{1,4}$/.test(w) && has(chatWords, w.toLowerCase())) {
            chat++;
          }
          break;
      }
    });
    var v = {
      missing: false,
      words: plain + accented + other,
      syllables: plain + accented,
      vietnameseShare: 0,
      accentedShare: 0,
      tonelessShare: 0,
      message: ''
    };
    if (v.words > 0) {
      v.vietnameseShare = v.syllables / v.words;
    }
    if (v.syllables > 0) {
      v.accentedShare = accented / v.syllables;
    }
    var evidence = plain - english, n = plain + other - english - chat;
    if (n > 0) {
      v.tonelessShare = evidence / n;
    }
    v.missing = v.words >= MIN_WORDS && evidence >= MIN_EVIDENCE &&
      v.tonelessShare >= MIN_TONELESS && v.accentedShare <= MAX_ACCENTED;
    if (v.missing) {
      v.message = MESSAGE_MISSING;
    }
    return v;
  }

  var api = { check: check, MESSAGE_MISSING: MESSAGE_MISSING, MIN_WORDS: MIN_WORDS };
  root.ToasoanDiacritics = api;
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : (typeof window !== 'undefined' ? window : this));
