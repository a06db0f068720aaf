import { ceRosterCsv, csvCell } from './ce-roster.js';

describe('csvCell', () => {
  it('should leave plain text as it is and write null as an empty cell', () => {
    expect(csvCell('Ana Pereira')).toBe('Ana Pereira');
    expect(csvCell('21.50')).toBe('21.50');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('should quote commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('Pereira, Ana')).toBe('"Pereira, Ana"');
    expect(csvCell('Ana "Nana" Pereira')).toBe('"Ana ""Nana"" Pereira"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it('should defuse what a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    // Only the start counts.
    expect(csvCell('Ana-Maria = 1')).toBe('Ana-Maria = 1');
  });
});

describe('ceRosterCsv', () => {
  it('should write the header and one CRLF-ended line per credit', () => {
    const csv = ceRosterCsv([
      {
        name: 'Pereira, Ana',
        license_number: 'PSY-77',
        hours: '24.00',
        certificate_number: 'MSC-CE-2027-000001',
        issued_at: '2027-03-15T22:30:00.000Z',
      },
      {
        name: '=cmd',
        license_number: null,
        hours: '21.00',
        certificate_number: 'MSC-CE-2027-000002',
        issued_at: '2027-03-15T22:30:00.000Z',
      },
    ]);
    expect(csv).toBe(
      'name,license_number,hours,certificate_number,issued_at\r\n' +
        '"Pereira, Ana",PSY-77,24.00,MSC-CE-2027-000001,2027-03-15T22:30:00.000Z\r\n' +
        "'=cmd,,21.00,MSC-CE-2027-000002,2027-03-15T22:30:00.000Z\r\n",
    );
  });

  it('should write only the header for a cohort without credits', () => {
    expect(ceRosterCsv([])).toBe('name,license_number,hours,certificate_number,issued_at\r\n');
  });
});
