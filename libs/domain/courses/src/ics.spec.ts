import { escapeText, foldLine, formatUtc, serializeCalendar } from './ics.js';

describe(serializeCalendar.name, () => {
  const stampedAt = new Date('2027-01-01T00:00:00Z');

  it('should write one VEVENT per event with UTC times, stable UIDs and CRLF line ends', () => {
    const sut = serializeCalendar({
      name: 'MSC, spring; evening',
      timeZone: 'America/New_York',
      events: [
        {
          uid: 'a@msc-pathway',
          startsAt: new Date('2027-03-09T23:30:00Z'),
          endsAt: new Date('2027-03-10T02:00:00Z'),
          summary: 'Session 1',
          stampedAt,
        },
        {
          uid: 'b@msc-pathway',
          startsAt: new Date('2027-03-16T22:30:00Z'),
          endsAt: new Date('2027-03-17T01:00:00Z'),
          summary: 'Session 2',
          stampedAt,
          sequence: 2,
        },
      ],
    });
    expect(sut.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(sut.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = sut.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('X-WR-CALNAME:MSC\\, spring\\; evening');
    expect(lines).toContain('X-WR-TIMEZONE:America/New_York');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('UID:b@msc-pathway');
    expect(lines).toContain('DTSTART:20270316T223000Z');
    expect(lines).toContain('DTEND:20270317T010000Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('DTSTAMP:20270101T000000Z');
  });

  it('should mark a cancelled event and leave the others alone', () => {
    const event = {
      startsAt: new Date('2027-03-09T23:30:00Z'),
      endsAt: new Date('2027-03-10T02:00:00Z'),
      summary: 'Session 1',
      stampedAt,
    };
    const sut = serializeCalendar({
      name: 'MSC',
      events: [
        { ...event, uid: 'kept@msc-pathway' },
        { ...event, uid: 'dropped@msc-pathway', cancelled: true },
      ],
    });
    const [kept, dropped] = sut.split('BEGIN:VEVENT').slice(1);
    expect(kept).not.toContain('STATUS:');
    expect(dropped).toContain('\r\nSTATUS:CANCELLED\r\n');
  });

  it('should fold long lines so that no line exceeds 75 octets', () => {
    const sut = serializeCalendar({
      name: 'x',
      events: [
        {
          uid: 'u@msc-pathway',
          startsAt: stampedAt,
          endsAt: new Date('2027-01-01T01:00:00Z'),
          summary: 'Selbstmitgefühl – '.repeat(20),
          stampedAt,
        },
      ],
    });
    for (const line of sut.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = sut.replace(/\r\n /g, '');
    expect(unfolded).toContain(`SUMMARY:${'Selbstmitgefühl – '.repeat(20)}`);
  });
});

describe(foldLine.name, () => {
  it('should never split a multi-byte character and start continuations with a space', () => {
    const sut = foldLine(`SUMMARY:${'ü'.repeat(100)}`);
    const lines = sut.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(sut.replace(/\r\n /g, '')).toBe(`SUMMARY:${'ü'.repeat(100)}`);
  });

  it('should leave a line of exactly 75 octets alone', () => {
    const line = 'X'.repeat(75);
    expect(foldLine(line)).toBe(line);
    expect(foldLine(line + 'Y')).toBe(`${line}\r\n Y`);
  });
});

describe(escapeText.name, () => {
  it('should escape backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});

describe(formatUtc.name, () => {
  it('should write a UTC date-time in the basic format', () => {
    expect(formatUtc(new Date('2027-03-15T22:30:00.000Z'))).toBe('20270315T223000Z');
  });
});
