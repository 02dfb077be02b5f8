import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderValidationGithub, workflowCommand } from '../../src/render/validate/github.js';
import { renderValidationJson } from '../../src/render/validate/json.js';
import { renderValidationText } from '../../src/render/validate/text.js';
import { sample } from './sample.js';

/** The three formats, exactly, for the small fixed input in ./sample.ts (three files: errors, warnings, a note). */
describe('text', () => {
  it('groups by file, then by code: place, message, and once per code what to do', async () => {
    expect(renderValidationText(await sample(), { color: false, lang: 'en' })).toBe(
      [
        "in/ba-dinh.csv: 3 errors, 1 warning",
        "  missing-indicator (warning)",
        "    (file)  Ba Đình did not report for 2023: \"Tỷ lệ trạm y tế xã có bác sĩ\" (its parts \"Số trạm y tế có bác sĩ\" and \"Tổng số trạm y tế\", or the rate). Districts report every indicator the city adds up from them; add the rows (write 0 for a count that is zero).",
        "    What to do: Add the missing rows; write 0 where a count is zero.",
        "  out-of-range (error, 2)",
        "    D4  3.5 is not a count (a whole number ≥ 0) for \"Số hộ nghèo\".",
        "    D5  -5 is not a count (a whole number ≥ 0) for \"Số hộ cận nghèo\".",
        "    What to do: Check the figure against the indicator's unit: rates are 0–100, counts whole numbers ≥ 0.",
        "  unknown-indicator (error)",
        "    B6  Unknown indicator \"Tỉ lệ hộ nghèo xyz\"; did you mean \"Tỷ lệ hộ nghèo (chuẩn thành phố)\"? Use the name in the programme's catalog (welfare catalog lists them).",
        "    What to do: Use the indicator names of the programme's catalog; `welfare template` writes a form with them.",
        "in/empty, 2023.csv: 1 error",
        "  empty-file (error)",
        "    (file)  in/empty, 2023.csv is empty; there is nothing to read.",
        "    What to do: The file has no content: send it again.",
        "in/so-y-te.csv: ok, 1 warning",
        "  target-mismatch (warning)",
        "    E2  Sở Y tế gives the 2023 plan for \"Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất\" as \"80\", but the programme's target set says \"85\"; the report uses \"85\". Correct the plan, or choose another target set with --targets.",
        "    What to do: Correct the plan to the programme's target, or check with --targets against another target set.",
        "",
        "3 files checked, 2 with errors: 4 errors, 2 warnings, 1 note (not listed; --format json lists them).",
        "FAILED",
        "",
      ].join('\n'),
    );
  });

  it('in Vietnamese by default: headings, the findings\' messages and the advice', async () => {
    expect(renderValidationText(await sample(), { color: false })).toBe(
      [
        'in/ba-dinh.csv: 3 lỗi, 1 cảnh báo',
        '  missing-indicator (cảnh báo)',
        '    (file)  Ba Đình chưa báo cáo năm 2023: "Tỷ lệ trạm y tế xã có bác sĩ" (các thành phần "Số trạm y tế có bác sĩ" và "Tổng số trạm y tế", hoặc tỷ lệ). Quận, huyện phải báo cáo mọi chỉ tiêu mà Thành phố tổng hợp từ quận, huyện; hãy bổ sung các dòng này (ghi 0 nếu số đếm bằng không).',
        '    Cách xử lý: Bổ sung các dòng còn thiếu; ghi 0 khi số lượng bằng không.',
        '  out-of-range (lỗi, 2)',
        '    D4  Giá trị 3.5 không phải là số đếm (số nguyên ≥ 0) của "Số hộ nghèo".',
        '    D5  Giá trị -5 không phải là số đếm (số nguyên ≥ 0) của "Số hộ cận nghèo".',
        '    Cách xử lý: Kiểm tra số liệu theo đơn vị tính của chỉ tiêu: tỷ lệ từ 0 đến 100, số lượng là số nguyên ≥ 0.',
        '  unknown-indicator (lỗi)',
        '    B6  Không nhận ra chỉ tiêu "Tỉ lệ hộ nghèo xyz"; có phải là "Tỷ lệ hộ nghèo (chuẩn thành phố)"? Dùng tên chỉ tiêu trong danh mục của Chương trình (xem welfare catalog).',
        '    Cách xử lý: Dùng đúng tên chỉ tiêu trong danh mục của Chương trình; `welfare template` tạo biểu mẫu có sẵn các tên này.',
        'in/empty, 2023.csv: 1 lỗi',
        '  empty-file (lỗi)',
        '    (file)  in/empty, 2023.csv là tệp rỗng, không có gì để đọc.',
        '    Cách xử lý: Tệp không có nội dung: gửi lại tệp.',
        'in/so-y-te.csv: đạt, 1 cảnh báo',
        '  target-mismatch (cảnh báo)',
        '    E2  Sở Y tế ghi kế hoạch năm 2023 của "Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất" là "80", nhưng bộ chỉ tiêu của Chương trình ghi "85"; báo cáo dùng "85". Hãy sửa lại kế hoạch, hoặc chọn bộ chỉ tiêu khác bằng --targets.',
        '    Cách xử lý: Sửa kế hoạch theo chỉ tiêu của Chương trình, hoặc kiểm tra với bộ chỉ tiêu khác bằng --targets.',
        '',
        'Đã kiểm tra 3 tệp, 2 tệp có lỗi: 4 lỗi, 2 cảnh báo, 1 ghi chú (không liệt kê; --format json liệt kê đủ).',
        'KHÔNG ĐẠT',
        '',
      ].join('\n'),
    );
  });

  it('says how many errors --max-errors left out', async () => {
    expect(renderValidationText(await sample(2), { color: false, lang: 'en' })).toBe(
      [
        "in/ba-dinh.csv: 3 errors, 1 warning",
        "  missing-indicator (warning)",
        "    (file)  Ba Đình did not report for 2023: \"Tỷ lệ trạm y tế xã có bác sĩ\" (its parts \"Số trạm y tế có bác sĩ\" and \"Tổng số trạm y tế\", or the rate). Districts report every indicator the city adds up from them; add the rows (write 0 for a count that is zero).",
        "    What to do: Add the missing rows; write 0 where a count is zero.",
        "  out-of-range (error, 2)",
        "    D4  3.5 is not a count (a whole number ≥ 0) for \"Số hộ nghèo\".",
        "    D5  -5 is not a count (a whole number ≥ 0) for \"Số hộ cận nghèo\".",
        "    What to do: Check the figure against the indicator's unit: rates are 0–100, counts whole numbers ≥ 0.",
        "in/empty, 2023.csv: 1 error",
        "in/so-y-te.csv: ok, 1 warning",
        "  target-mismatch (warning)",
        "    E2  Sở Y tế gives the 2023 plan for \"Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất\" as \"80\", but the programme's target set says \"85\"; the report uses \"85\". Correct the plan, or choose another target set with --targets.",
        "    What to do: Correct the plan to the programme's target, or check with --targets against another target set.",
        "",
        "3 files checked, 2 with errors: 4 errors, 2 warnings, 1 note (not listed; --format json lists them).",
        "2 more errors not listed (--max-errors 2); the counts above include them.",
        "FAILED",
        "",
      ].join('\n'),
    );
  });

  it('colours only when asked', async () => {
    expect(renderValidationText(await sample(), { color: true, lang: 'en' })).toContain('\u001b[31m');
    expect(renderValidationText(await sample(), { color: false, lang: 'en' })).not.toContain('\u001b[');
  });
});

describe('github', () => {
  it('workflow commands with file, line, col (A=1) and title; a plain summary line', async () => {
    expect(renderValidationGithub(await sample())).toBe(
      [
        "::warning file=in/ba-dinh.csv,title=missing-indicator::Ba Đình did not report for 2023: \"Tỷ lệ trạm y tế xã có bác sĩ\" (its parts \"Số trạm y tế có bác sĩ\" and \"Tổng số trạm y tế\", or the rate). Districts report every indicator the city adds up from them; add the rows (write 0 for a count that is zero).",
        "::error file=in/ba-dinh.csv,line=4,col=4,title=out-of-range::3.5 is not a count (a whole number ≥ 0) for \"Số hộ nghèo\".",
        "::error file=in/ba-dinh.csv,line=5,col=4,title=out-of-range::-5 is not a count (a whole number ≥ 0) for \"Số hộ cận nghèo\".",
        "::error file=in/ba-dinh.csv,line=6,col=2,title=unknown-indicator::Unknown indicator \"Tỉ lệ hộ nghèo xyz\"; did you mean \"Tỷ lệ hộ nghèo (chuẩn thành phố)\"? Use the name in the programme's catalog (welfare catalog lists them).",
        "::error file=in/empty%2C 2023.csv,title=empty-file::in/empty, 2023.csv is empty; there is nothing to read.",
        "::warning file=in/so-y-te.csv,line=2,col=5,title=target-mismatch::Sở Y tế gives the 2023 plan for \"Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất\" as \"80\", but the programme's target set says \"85\"; the report uses \"85\". Correct the plan, or choose another target set with --targets.",
        "welfare validate: 3 files checked, 2 with errors: 4 errors, 2 warnings, 1 note. FAILED",
        "",
      ].join('\n'),
    );
  });

  it('what is not annotated is summarised in a notice', async () => {
    expect(renderValidationGithub(await sample(2))).toBe(
      [
        "::warning file=in/ba-dinh.csv,title=missing-indicator::Ba Đình did not report for 2023: \"Tỷ lệ trạm y tế xã có bác sĩ\" (its parts \"Số trạm y tế có bác sĩ\" and \"Tổng số trạm y tế\", or the rate). Districts report every indicator the city adds up from them; add the rows (write 0 for a count that is zero).",
        "::error file=in/ba-dinh.csv,line=4,col=4,title=out-of-range::3.5 is not a count (a whole number ≥ 0) for \"Số hộ nghèo\".",
        "::error file=in/ba-dinh.csv,line=5,col=4,title=out-of-range::-5 is not a count (a whole number ≥ 0) for \"Số hộ cận nghèo\".",
        "::warning file=in/so-y-te.csv,line=2,col=5,title=target-mismatch::Sở Y tế gives the 2023 plan for \"Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất\" as \"80\", but the programme's target set says \"85\"; the report uses \"85\". Correct the plan, or choose another target set with --targets.",
        "::notice title=welfare validate::2 more errors not annotated (at most 10 errors and 10 warnings are, and --max-errors 2 left 2 out of the list); run \"welfare validate --format text\" to see them.",
        "welfare validate: 3 files checked, 2 with errors: 4 errors, 2 warnings, 1 note. FAILED",
        "",
      ].join('\n'),
    );
  });

  it('annotates the first 10 errors and 10 warnings only', async () => {
    const base = await sample();
    // Twelve different errors and eleven different warnings (the same message over many rows would be one annotation).
    const many = { ...base, issues: [...Array.from({ length: 12 }, (_, i) => ({ ...base.issues[1]!, row: i + 1, message: `${base.issues[1]!.message} ${i}` })), ...Array.from({ length: 11 }, (_, i) => ({ ...base.issues[0]!, row: i + 1, message: `${base.issues[0]!.message} ${i}` }))] };
    many.counts = { errors: 12, warnings: 11, infos: 0 };
    const lines = renderValidationGithub(many).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(10);
    expect(lines.at(-2)).toBe(
      '::notice title=welfare validate::2 more errors and 1 more warning not annotated (at most 10 errors and 10 warnings are); run "welfare validate --format text" to see them.',
    );
  });

  it('annotates the same cause over many rows once, at its first place, with the count; the rest still counted', async () => {
    const base = await sample();
    const f = base.issues[1]!;
    const rows = Array.from({ length: 40 }, (_, i) => ({ ...f, sheet: 'S', row: i + 2, column: 'C', cell: `C${i + 2}` }));
    const many = { ...base, issues: [...rows, { ...f, sheet: 'S', row: 50, column: 'C', cell: 'C50', message: 'Another cause.' }] };
    many.counts = { errors: 41, warnings: 0, infos: 0 };
    const lines = renderValidationGithub(many).trimEnd().split('\n');
    const errors = lines.filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('line=2,');
    expect(errors[0]).toContain(' [×40 in all; first: C2, C3, C4, …]');
    expect(errors[1]).toContain('line=50,');
    expect(lines.some((l) => l.startsWith('::notice'))).toBe(false);
    expect(lines.at(-1)).toContain('41 errors');
  });

  it('escapes as the Actions toolkit does: data % CR LF; properties also : and ,', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\in\\a,b%\n.csv')).toBe('C%3A\\in\\a%2Cb%25%0A.csv');
    expect(workflowCommand('error', { file: 'a:b,c.csv', line: 3, col: null, title: 'x' }, 'm%\n')).toBe('::error file=a%3Ab%2Cc.csv,line=3,title=x::m%25%0A');
    expect(workflowCommand('notice', {}, 'plain')).toBe('::notice::plain');
  });
});

describe('json', () => {
  it('{ ok, partial, files, issues } with issues in the report contract; two-space indented', async () => {
    const out = renderValidationJson(await sample(2));
    const parsed = JSON.parse(out);
    expect(out).toBe(JSON.stringify(parsed, null, 2) + '\n');
    expect(Object.keys(parsed)).toEqual(['ok', 'partial', 'files', 'issues', 'year', 'counts', 'omittedErrors']);
    expect(parsed).toEqual({
      ok: false,
      partial: true,
      files: [
        { file: 'in/ba-dinh.csv', ok: false, errors: 3, warnings: 1 },
        { file: 'in/empty, 2023.csv', ok: false, errors: 1, warnings: 0 },
        { file: 'in/so-y-te.csv', ok: true, errors: 0, warnings: 1 },
      ],
      issues: [
        {
          severity: 'warning',
          code: 'missing-indicator',
          message:
            'Ba Đình did not report for 2023: "Tỷ lệ trạm y tế xã có bác sĩ" (its parts "Số trạm y tế có bác sĩ" and "Tổng số trạm y tế", or the rate). Districts report every indicator the city adds up from them; add the rows (write 0 for a count that is zero).',
          messageVi:
            'Ba Đình chưa báo cáo năm 2023: "Tỷ lệ trạm y tế xã có bác sĩ" (các thành phần "Số trạm y tế có bác sĩ" và "Tổng số trạm y tế", hoặc tỷ lệ). Quận, huyện phải báo cáo mọi chỉ tiêu mà Thành phố tổng hợp từ quận, huyện; hãy bổ sung các dòng này (ghi 0 nếu số đếm bằng không).',
          file: 'in/ba-dinh.csv',
          sheet: null,
          row: null,
          column: null,
          cell: null,
          indicator: 'commune-health-stations-with-doctor',
          district: 'Ba Đình',
          unitCode: '001',
        },
        {
          severity: 'error',
          code: 'out-of-range',
          message: '3.5 is not a count (a whole number ≥ 0) for "Số hộ nghèo".',
          messageVi: 'Giá trị 3.5 không phải là số đếm (số nguyên ≥ 0) của "Số hộ nghèo".',
          file: 'in/ba-dinh.csv',
          sheet: null,
          row: 4,
          column: 'D',
          cell: 'D4',
          indicator: 'poor-household-rate',
          district: 'Ba Đình',
          unitCode: '001',
        },
        {
          severity: 'error',
          code: 'out-of-range',
          message: '-5 is not a count (a whole number ≥ 0) for "Số hộ cận nghèo".',
          messageVi: 'Giá trị -5 không phải là số đếm (số nguyên ≥ 0) của "Số hộ cận nghèo".',
          file: 'in/ba-dinh.csv',
          sheet: null,
          row: 5,
          column: 'D',
          cell: 'D5',
          indicator: 'near-poor-household-rate',
          district: 'Ba Đình',
          unitCode: '001',
        },
        {
          severity: 'warning',
          code: 'target-mismatch',
          message:
            'Sở Y tế gives the 2023 plan for "Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất" as "80", but the programme\'s target set says "85"; the report uses "85". Correct the plan, or choose another target set with --targets.',
          messageVi:
            'Sở Y tế ghi kế hoạch năm 2023 của "Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh 4 loại bệnh tật bẩm sinh phổ biến nhất" là "80", nhưng bộ chỉ tiêu của Chương trình ghi "85"; báo cáo dùng "85". Hãy sửa lại kế hoạch, hoặc chọn bộ chỉ tiêu khác bằng --targets.',
          file: 'in/so-y-te.csv',
          sheet: null,
          row: 2,
          column: 'E',
          cell: 'E2',
          indicator: 'prenatal-screening-rate',
          district: null,
          unitCode: null,
        },
        {
          severity: 'info',
          code: 'year-mismatch',
          message: "This row is for 2022, not 2023: skipped. It is kept only as the previous year's value, for targets that compare with it.",
          messageVi: 'Dòng này là số liệu năm 2022, không phải năm 2023: bỏ qua. Số liệu chỉ được giữ làm giá trị năm trước, cho các chỉ tiêu có mục tiêu so với năm trước.',
          file: 'in/so-y-te.csv',
          sheet: null,
          row: 3,
          column: 'D',
          cell: 'D3',
          indicator: 'under5-malnutrition-rate',
          district: 'Sở Y tế',
          unitCode: null,
        },
      ],
      year: 2023,
      counts: { errors: 4, warnings: 2, infos: 1 },
      omittedErrors: 2,
    });
  });
});
