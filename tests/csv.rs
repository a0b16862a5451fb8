//! `parse_csv` against hostile and random input: any text gives `Ok` or a clean error naming a
//! line, never a panic; huge inputs are read in one pass; tables written out and read back keep
//! every number and label.
#![cfg(not(target_arch = "wasm32"))]

use actviz::mlp::csv::parse_csv;
use actviz::mlp::SplitDataset;
use proptest::prelude::*;

/// Every row of both parts as (feature bits, class name), sorted.
fn rows(split: &SplitDataset) -> Vec<(Vec<u32>, String)> {
    let mut rows: Vec<(Vec<u32>, String)> = [&split.train, &split.test]
        .into_iter()
        .flat_map(|part| {
            (0..part.len()).map(|i| {
                let bits = part.row(i).iter().map(|x| x.to_bits()).collect();
                (bits, split.class_names[usize::from(part.labels()[i])].clone())
            })
        })
        .collect();
    rows.sort();
    rows
}

/// A clean result: `Ok` with consistent parts, or an error whose message is one short line.
fn check_clean(text: &str) {
    match parse_csv(text, 0.2, 3) {
        Ok(split) => {
            assert!(!split.train.is_empty() && !split.test.is_empty());
            assert_eq!(split.train.features(), split.test.features());
            assert_eq!(split.class_names.len(), split.train.classes());
            assert!(split.train.inputs().iter().all(|x| x.is_finite()));
        }
        Err(error) => {
            assert!(!error.message.is_empty() && !error.message.contains('\n'), "{:?}", error.message);
            assert!(error.message.chars().count() < 300, "{:?}", error.message);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_is_read_or_refused_cleanly(text in any::<String>()) {
        check_clean(&text);
    }

    #[test]
    fn any_csv_like_string_is_read_or_refused_cleanly(text in "[0-9,;\t\" \r\n.eE+-ainf\u{feff}\u{0}é]{0,300}") {
        check_clean(&text);
    }

    #[test]
    fn a_written_table_reads_back_exactly(
        features in 1usize..6,
        cells in prop::collection::vec((prop::collection::vec(any::<f32>(), 5), 0u8..4), 5..60),
        separator in prop::sample::select(vec![",", ";", "\t"]),
        header in any::<bool>(),
        crlf in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if header {
            let names: Vec<String> = (0..features).map(|i| format!("f{i}")).chain(["label".into()]).collect();
            text += &(names.join(separator) + end);
        }
        let mut expected = vec![];
        for (values, label) in &cells {
            let values: Vec<f32> = values[..features].iter().map(|x| if x.is_finite() { *x } else { 0.5 }).collect();
            let fields: Vec<String> = values.iter().map(|x| x.to_string()).chain([format!("L{label}")]).collect();
            text += &(fields.join(separator) + end);
            expected.push((values.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), format!("L{label}")));
        }
        expected.sort();
        let classes = expected.iter().map(|row| &row.1).collect::<std::collections::BTreeSet<_>>().len();
        match parse_csv(&text, 0.2, seed) {
            Ok(split) => {
                prop_assert_eq!(rows(&split), expected);
                prop_assert_eq!(split.train.features(), features);
            }
            Err(error) => prop_assert!(classes == 1 && error.message.contains("at least 2 classes"), "{}", error),
        }
    }
}

#[test]
fn huge_lines_and_many_blank_lines_are_read_in_one_pass() {
    // A 30 MB number: a valid float too large for an f32.
    let huge_number = format!("{},0\n1,1\n", "9".repeat(30_000_000));
    assert_eq!(
        parse_csv(&huge_number, 0.2, 1).unwrap_err().message,
        format!("line 1, column 1: \"{}\"… is too large; features must be within ±3.4e38", "9".repeat(40))
    );
    // An unclosed quote 30 MB long.
    let open_quote = format!("\"{}", "x".repeat(30_000_000));
    assert_eq!(
        parse_csv(&open_quote, 0.2, 1).unwrap_err().message,
        "line 1, column 1: a quoted field must end with \" on the same line"
    );
    // Ten million blank lines, then data.
    let blank = "\n".repeat(10_000_000) + "1,0\n2,1\n3,0\nx";
    assert_eq!(
        parse_csv(&blank, 0.2, 1).unwrap_err().message,
        "line 10000004: expected 2 fields (like the first row), got 1"
    );
    // 1,000 quoted fields full of escaped quotes on one line, after a first row of as many columns.
    let escapes = format!("{}0\n{}\"0\"\n", "1,".repeat(1_000), "\"\"\"\"\"\"\"\",".repeat(1_000));
    assert_eq!(
        parse_csv(&escapes, 0.2, 1).unwrap_err().message,
        "line 2, column 1: \"\\\"\\\"\\\"\" is not a number"
    );
}

#[test]
fn a_wide_row_is_refused_before_the_rest_is_read() {
    let wide = "1,".repeat(100_000) + "0\n" + &"garbage\u{0}".repeat(1_000_000);
    assert_eq!(
        parse_csv(&wide, 0.2, 1).unwrap_err().message,
        "line 1: more than 1025 columns; at most 1024 features and a label"
    );
}

#[test]
fn only_a_header_or_a_lone_bom_is_refused() {
    assert_eq!(
        parse_csv("\u{feff}", 0.2, 1).unwrap_err().message,
        "the file is empty: expected rows of numbers, the last column the label"
    );
    assert_eq!(
        parse_csv("\u{feff}a,b,c\r\n", 0.2, 1).unwrap_err().message,
        "line 1 is a header, and no data rows follow it"
    );
}
