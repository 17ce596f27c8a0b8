import { InputError } from '#domain/kernel/errors.js';
import { ElementReader } from './element-reader.js';
import { parseXml, type ScanOptions } from './xml-scanner.js';
import { parseIsoDurationMinutes } from './xml-values.js';

const read = (xml: string, options: Partial<ScanOptions> = {}) =>
  new ElementReader(parseXml(xml, { source: 'f.xml', skipped: new Set(), ...options }), 0);

function errorOf(xml: string, options: Partial<ScanOptions> = {}): string {
  try {
    read(xml, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the scan to fail');
}

/** Leaf texts of every `<Task>`: the shape the importers read. */
const names = (root: ElementReader, tag = 'Name') =>
  root
    .child('Tasks')!
    .children('Task')
    .map((t) => t.text(tag));

describe('XML scanner', () => {
  it('reads leaves by parent and tag, repeated children in document order', () => {
    const root = read(
      '<P><Tasks><Task><Name>a</Name></Task><Task><Name>b</Name><Name2>x</Name2></Task></Tasks></P>',
    );
    expect(names(root)).toEqual(['a', 'b']);
    expect(root.child('Tasks')!.children('Task')[1].text('Name2')).toBe('x');
    expect(root.child('Missing')).toBeNull();
  });

  it('reads multi-byte characters in text and tag names, with or without a byte-order mark', () => {
    const xml = '<P><Tasks><Task><Name>Départ – 中文 😀</Name></Task><Task><Näme>ü</Näme></Task></Tasks></P>';
    expect(names(read(xml))).toEqual(['Départ – 中文 😀', null]);
    expect(names(read(`\uFEFF${xml}`), 'Näme')).toEqual([null, 'ü']);
  });

  it('matches Latin-1 tag names the same whether the text is stored one byte per character or not', () => {
    // 'é' alone keeps the string one byte per character (names compared on a latin1 copy); '中' in a comment or
    // a byte-order mark makes it two bytes per character (names compared on a UTF-16 copy)
    const xml = (comment: string) =>
      `<P><!--${comment}--><Tasks><Task><Durée>1</Durée><Name>é</Name></Task><Task><Name>ô</Name><Durée>2</Durée></Task></Tasks></P>`;
    for (const text of [xml('x'), xml('中'), `\uFEFF${xml('x')}`, `\uFEFF${xml('中')}`]) {
      const root = read(text);
      expect(names(root)).toEqual(['é', 'ô']);
      expect(names(root, 'Durée')).toEqual(['1', '2']);
    }
    for (const [bom, comment] of [
      ['', ''],
      ['', '<!--中-->'],
      ['\uFEFF', ''],
      ['\uFEFF', '<!--中-->'],
    ]) {
      expect(errorOf(`${bom}<P>${comment}\n<Durée>1</Durèe></P>`)).toBe(
        'f.xml:2:9: not well-formed XML (</Durèe> closes <Durée> opened at 2:1)',
      );
    }
  });

  it('tells apart tag names of every length that differ in their last character only', () => {
    // ASCII names in a one-byte text, and CJK names (a two-byte text)
    for (const letters of ['abcdefghijklm', '一二三四五六七八九十百千万']) {
      for (let length = 1; length <= 13; length += 1) {
        const name = letters.slice(0, length);
        const other = name.slice(0, -1) + (letters === 'abcdefghijklm' ? 'z' : '零');
        const root = read(
          `<P><${name}>1</${name}><${other}>2</${other}><${name}>3</${name}><${other}>4</${other}></P>`,
        );
        expect(root.children(name).map((e) => e.text('x'))).toEqual([null, null]);
        expect(root.children(other)).toHaveLength(2);
        expect(root.text('x')).toBeNull();
        expect(errorOf(`<P><${name}>1</${other}></P>`)).toBe(
          `f.xml:1:${7 + length}: not well-formed XML (</${other}> closes <${name}> opened at 1:4)`,
        );
      }
    }
  });

  it('compares tag names across the boundaries of its megabyte copies of the text', () => {
    // 150,000 elements of 7 to 9 characters each (about 1.2 M characters): some names straddle the first megabyte
    for (const wide of ['', '中']) {
      const body = Array.from({ length: 150_000 }, (_, k) => `<A${k % 3}>${wide}</A${k % 3}>`).join('');
      const root = read(`<P>${body}</P>`);
      expect([0, 1, 2].map((k) => root.children(`A${k}`).length)).toEqual([50_000, 50_000, 50_000]);
      expect(errorOf(`<P>${body}<A1>x</A2></P>`)).toMatch(/closes <A1> opened at/);
    }
  });

  it('follows siblings in any order, including names that are prefixes of each other', () => {
    const root = read(
      '<P><Tasks><Task><Start>1</Start><StartDate>2</StartDate></Task><Task><StartDate>3</StartDate><Start>4</Start></Task><Task><Start/><Start2>5</Start2></Task></Tasks></P>',
    );
    expect(names(root, 'Start')).toEqual(['1', '4', null]);
    expect(names(root, 'StartDate')).toEqual(['2', '3', null]);
    expect(names(root, 'Start2')).toEqual([null, null, '5']);
  });

  it('decodes entities and character references, also next to multi-byte characters', () => {
    const root = read(
      '<P><Tasks><Task><Name>R&amp;D &lt;1&gt; &quot;x&apos; &#233;&#x1F600;中&amp;</Name></Task></Tasks></P>',
    );
    expect(names(root)).toEqual(['R&D <1> "x\' é😀中&']);
  });

  it('joins text around comments, CDATA and processing instructions, and trims it', () => {
    const root = read(
      '<P>\r\n  <Tasks>\r\n    <Task>\r\n      <Name> a<!-- note --> <![CDATA[<b>&amp;]]><?pi x?>c </Name>\r\n    </Task>\r\n  </Tasks>\r\n</P>\r\n',
    );
    expect(names(root)).toEqual(['a <b>&amp;c']);
  });

  it('skips attributes (quoted > and / included) and reads self-closing elements as empty', () => {
    const root = read(
      `<P a="1>2"><Tasks><Task b='x/>'><Name c="/">a</Name><Notes/><Empty></Empty></Task></Tasks></P>`,
    );
    const task = root.child('Tasks')!.child('Task')!;
    expect(task.text('Name')).toBe('a');
    expect([task.text('Notes'), task.has('Notes'), task.text('Empty')]).toEqual([null, false, null]);
  });

  it('removes namespace prefixes from tag names', () => {
    const root = read(
      '<ms:P xmlns:ms="urn:x"><ms:Tasks><ms:Task><ms:Name>a</ms:Name></ms:Task></ms:Tasks></ms:P>',
    );
    expect(names(root)).toEqual(['a']);
  });

  it('keeps only the listed tags below kept parents, and refuses to read a dropped tag', () => {
    const root = read(
      '<P><Tasks><Task><Name>a</Name><Cost>1</Cost></Task></Tasks><Other><Name>z</Name></Other></P>',
      {
        kept: new Set(['P', 'Tasks', 'Task', 'Name']),
      },
    );
    expect(names(root)).toEqual(['a']);
    expect(() => root.child('Tasks')!.child('Task')!.text('Cost')).toThrow(
      /reader asks for <Cost>, which the scanner drops/,
    );
  });

  it('checks dropped elements for well-formedness but not skipped ones', () => {
    const kept = new Set(['P']);
    expect(errorOf('<P>\n<Dropped><X>&bogus;</X></Dropped></P>', { kept })).toBe(
      'f.xml:2:13: not well-formed XML (unknown entity &bogus;)',
    );
    expect(errorOf('<P><Dropped>a & b</Dropped></P>', { kept })).toMatch(
      /^f\.xml:1:15: .*'&' that does not start an entity/,
    );
    expect(() => read('<P><Skip><X>&bogus;<Y></X></Skip></P>', { skipped: new Set(['Skip']) })).not.toThrow();
    expect(errorOf('<P><Skip>', { skipped: new Set(['Skip']) })).toBe(
      'f.xml:1:4: not well-formed XML (<Skip> is never closed)',
    );
  });

  it('names line and column of malformed XML, counting a multi-byte character as one column', () => {
    expect(errorOf('<P>\n<Name>中文</Nam>\n</P>')).toBe(
      'f.xml:2:9: not well-formed XML (</Nam> closes <Name> opened at 2:1)',
    );
    expect(errorOf('<P>\n  <A>é</A><B>\n</P>')).toBe(
      'f.xml:3:1: not well-formed XML (</P> closes <B> opened at 2:11)',
    );
    expect(errorOf('<P><A>1</A>')).toBe('f.xml:1:1: not well-formed XML (<P> is never closed)');
    expect(errorOf('<P></P><Q/>')).toBe('f.xml:1:8: not well-formed XML (content after the root element)');
    expect(errorOf('<P><A x="1" <B/></A></P>')).toBe(
      "f.xml:1:13: not well-formed XML ('<' inside the start tag of <A>)",
    );
    expect(errorOf('<P><!-- x </P>')).toBe('f.xml:1:8: not well-formed XML (unterminated comment)');
    expect(errorOf('<P><A><![CDATA[x</A></P>')).toBe(
      'f.xml:1:7: not well-formed XML (unterminated CDATA section)',
    );
    expect(errorOf('<P>< A/></P>')).toBe('f.xml:1:4: not well-formed XML (missing element name)');
    expect(errorOf('hello')).toBe('f.xml:1:1: not well-formed XML (expected the root element)');
  });

  it('locates value errors at the element, or at its parent when the child is absent', () => {
    const root = read(
      '<P>\n<Tasks>\n<Task><UID>1</UID></Task>\n<Task>\n  <UID>x</UID><UID>2</UID>\n</Task>\n</Tasks>\n</P>',
    );
    const [first, second] = root.child('Tasks')!.children('Task');
    expect(() => first.requiredText('Name')).toThrow(
      'f.xml:3:1: <P/Tasks/Task/Name>: missing required element',
    );
    expect(() => second.text('UID')).toThrow('f.xml:5:3: <P/Tasks/Task[2]/UID>: expected a text value');
    expect(second.where()).toBe('f.xml:4:1');
  });
});

describe('ISO durations', () => {
  it("reads MS Project's PTnHnMnS form and the general xsd:duration alike", () => {
    const cases: [string, number | undefined][] = [
      ['PT8H0M0S', 480],
      ['PT0H1M30S', 1.5],
      ['-PT4H0M0S', -240],
      ['PT123456789H0M0S', 123456789 * 60],
      ['PT1234567890H0M0S', 1234567890 * 60],
      ['PT8H', 480],
      ['P1DT2H', 1560],
      ['PT1.5H0M0S', 90],
      ['PT0H0M20S', 0.333333],
      ['PT', undefined],
      ['PT8H0M0', undefined],
      ['PT8H0M0S ', undefined],
      ['PTxH0M0S', undefined],
      ['8 days', undefined],
    ];
    for (const [text, minutes] of cases)
      expect([text, parseIsoDurationMinutes(text)]).toEqual([text, minutes]);
  });
});
