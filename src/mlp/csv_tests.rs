//! The CSV format: separators, header detection, quotes, labels, the split, and every refusal
//! with its line and column.

use super::*;

/// Every row of both parts as (features, class name), sorted, so a split can be compared with
/// the file's rows whatever the shuffle did.
fn all_rows(split: &SplitDataset) -> Vec<(Vec<f32>, String)> {
    let mut rows: Vec<(Vec<f32>, String)> = [&split.train, &split.test]
        .into_iter()
        .flat_map(|part| {
            (0..part.len())
                .map(|i| (part.row(i).to_vec(), split.class_names[usize::from(part.labels()[i])].clone()))
        })
        .collect();
    rows.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    rows
}

/// The message of the error `text` gives.
fn refusal(text: &str) -> String {
    let error = parse_csv(text, 0.2, 1).expect_err(text);
    assert_eq!(error.field, "csv");
    error.message
}

fn row(features: &[f32], label: &str) -> (Vec<f32>, String) {
    (features.to_vec(), label.to_owned())
}

#[test]
fn a_header_crlf_and_blank_lines_give_every_row_once() {
    let text = "x,y,label\r\n1,2,0\r\n\r\n3.5,-4,1\r\n  \r\n5e-1, 6 ,0\r\n7,8,1\r\n9,10,0\r\n";
    let split = parse_csv(text, 0.2, 1).unwrap();
    assert_eq!((split.train.len(), split.test.len()), (4, 1));
    assert_eq!((split.train.features(), split.train.classes()), (2, 2));
    assert_eq!(split.class_names, ["0", "1"]);
    let expected = vec![
        row(&[0.5, 6.0], "0"),
        row(&[1.0, 2.0], "0"),
        row(&[3.5, -4.0], "1"),
        row(&[7.0, 8.0], "1"),
        row(&[9.0, 10.0], "0"),
    ];
    assert_eq!(all_rows(&split), expected);
}

#[test]
fn without_a_header_the_first_row_is_data() {
    let split = parse_csv("1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,1", 0.2, 1).unwrap();
    assert_eq!(split.train.len() + split.test.len(), 5);
    // A label-only text in the first row does not make a header: only non-label fields count.
    let split = parse_csv("1,2,cat\n3,4,dog\n5,6,cat\n", 0.34, 1).unwrap();
    assert_eq!(split.class_names, ["cat", "dog"]);
    // An empty first field with names elsewhere is pandas' index column header.
    let split = parse_csv(",a,label\n0,1,0\n1,2,1\n2,3,0\n", 0.34, 1).unwrap();
    assert_eq!(split.train.features(), 2);
}

#[test]
fn semicolons_tabs_and_a_lone_cr_are_read() {
    let want = vec![row(&[1.0, 2.0], "0"), row(&[3.0, 4.0], "1"), row(&[5.0, 6.0], "0")];
    for text in
        ["a;b;c\n1;2;0\n3;4;1\n5;6;0", "a\tb\tc\n1\t2\t0\n3\t4\t1\n5\t6\t0", "a,b,c\r1,2,0\r3,4,1\r5,6,0\r"]
    {
        assert_eq!(all_rows(&parse_csv(text, 0.34, 1).unwrap()), want, "{text:?}");
    }
    // With semicolons, a decimal comma is refused with a hint.
    assert!(refusal("a;b;c\n1,5;2;0\n").contains("line 2, column 1: \"1,5\" is not a number (use \".\""));
}

#[test]
fn quoted_fields_follow_rfc_4180() {
    let text = "\"x, cm\",\"y \"\"raw\"\"\",kind\n\"1.5\", \"2\" ,\"a \"\"b\"\"\"\n3,4,plain\n5,6,plain\n";
    let split = parse_csv(text, 0.34, 1).unwrap();
    assert_eq!(split.class_names, ["a \"b\"", "plain"]);
    assert_eq!(all_rows(&split)[0], row(&[1.5, 2.0], "a \"b\""));
    assert_eq!(
        refusal("x,y,z\n\"1,2,0\n3,4,1"),
        "line 2, column 1: a quoted field must end with \" on the same line"
    );
    assert_eq!(
        refusal("x,y,z\n\"1\"2,2,0\n3,4,1"),
        "line 2, column 1: unexpected text after the closing quote"
    );
}

#[test]
fn numeric_labels_are_ordered_by_value_and_equal_values_merge() {
    let text = "1,10\n2,2\n3,2.0\n4,-1\n5,10\n6,2\n";
    let split = parse_csv(text, 0.5, 4).unwrap();
    assert_eq!(split.class_names, ["-1", "2", "10"]);
    let rows = all_rows(&split);
    let labels: Vec<&str> = rows.iter().map(|(_, label)| label.as_str()).collect();
    assert_eq!(labels, ["10", "2", "2", "-1", "10", "2"]);
}

#[test]
fn text_labels_keep_their_order_of_first_appearance() {
    let split = parse_csv("1,zebra\n2,ant\n3,zebra\n4,moth\n5,ant\n", 0.2, 1).unwrap();
    assert_eq!(split.class_names, ["zebra", "ant", "moth"]);
    // One text label among numbers makes all of them text.
    let split = parse_csv("1,3\n2,1\n3,x\n4,1\n", 0.25, 1).unwrap();
    assert_eq!(split.class_names, ["3", "1", "x"]);
}

#[test]
fn the_split_is_seeded_and_holds_out_the_rounded_fraction() {
    let text: String = (0..101).map(|i| format!("{i},{}\n", i % 3)).collect();
    let a = parse_csv(&text, 0.2, 7).unwrap();
    assert_eq!((a.train.len(), a.test.len()), (81, 20));
    assert_eq!(a, parse_csv(&text, 0.2, 7).unwrap());
    assert_ne!(a.test, parse_csv(&text, 0.2, 8).unwrap().test);
    let b = parse_csv(&text, 0.5, 7).unwrap();
    assert_eq!((b.train.len(), b.test.len()), (50, 51));
    assert_eq!(all_rows(&a), all_rows(&b));
}

#[test]
fn a_bom_is_skipped() {
    let split = parse_csv("\u{feff}x,y,label\n1,2,0\n3,4,1\n5,6,1\n", 0.34, 1).unwrap();
    assert_eq!(split.train.len() + split.test.len(), 3);
}

#[test]
fn each_refusal_names_the_line_and_column() {
    let cases = [
        ("x,y,label\n1,2,0\n3,4\n", "line 3: expected 3 fields (like the header), got 2"),
        ("1,2,0\n\n3,4,1,5\n", "line 3: expected 3 fields (like the first row), got 4"),
        ("x,y,label\n1,abc,0\n", "line 2, column 2: \"abc\" is not a number"),
        ("1,2,0\n3,NaN,1\n", "line 2, column 2: \"NaN\" is not a finite number; NaN and infinity are refused"),
        ("1,2,0\n-inf,4,1\n", "line 2, column 1: \"-inf\" is not a finite number; NaN and infinity are refused"),
        ("1,2,0\n1e39,4,1\n", "line 2, column 1: \"1e39\" is too large; features must be within ±3.4e38"),
        ("1,2,0\n-1e999,4,1\n", "line 2, column 1: \"-1e999\" is too large; features must be within ±3.4e38"),
        ("1,2,0\n3,,1\n", "line 2, column 2: the field is empty; every feature must be a number"),
        ("1,2,0\n3,4,\n", "line 2, column 3: the label is empty"),
        ("1,2,0\n3,4,nan\n", "line 2, column 3: label \"nan\" is not a finite number"),
        ("", "the file is empty: expected rows of numbers, the last column the label"),
        (" \n\r\n\t\n", "the file is empty: expected rows of numbers, the last column the label"),
        ("\n\nx,y,label\n\n", "line 3 is a header, and no data rows follow it"),
        ("1\n2\n", "line 1: found 1 column; need at least 2 (the features, then the label), separated by commas, semicolons or tabs"),
        ("1,2,7\n3,4,7\n5,6,7.0\n", "every row has the label \"7\": the last column must hold at least 2 classes"),
        ("1,0\n2,1\n", "2 data rows are too few to hold out a test set of 20% and keep a training set; need at least 3 rows"),
    ];
    for (text, message) in cases {
        assert_eq!(refusal(text), message, "{text:?}");
    }
}

#[test]
fn control_characters_and_long_fields_are_quoted_short() {
    assert_eq!(refusal("1,2,0\n3,\u{0}\u{7},1\n"), "line 2, column 2: \"\\0\\u{7}\" is not a number");
    let long = "z".repeat(10_000);
    let message = refusal(&format!("1,2,0\n3,{long},1\n"));
    assert_eq!(message, format!("line 2, column 2: \"{}\"… is not a number", "z".repeat(40)));
    assert!(refusal(&format!("1,2,0\n3,4,{long}\n")).ends_with("is longer than 40 characters"));
}

#[test]
fn limits_are_refused_where_they_are_crossed() {
    let classes: String = (0..=MAX_CLASSES).map(|i| format!("{i},c{i}\n")).collect();
    assert_eq!(
        refusal(&classes),
        "line 101, column 2: label \"c100\" would be class 101; at most 100 classes \
         (the last column must be a class label, not a measurement)"
    );
    let rows: String = (0..=MAX_DATA_ROWS).map(|i| format!("{i},{}\n", i % 2)).collect();
    assert_eq!(refusal(&rows), "line 60001: more than 60000 data rows; at most 60000");
    let exact: String = (0..MAX_DATA_ROWS).map(|i| format!("{i},{}\n", i % 2)).collect();
    assert_eq!(parse_csv(&exact, 0.2, 1).unwrap().test.len(), 12_000);
    let wide = "1,".repeat(100_000) + "0\n";
    assert_eq!(refusal(&wide), "line 1: more than 1025 columns; at most 1024 features and a label");
    let widest = "1,".repeat(MAX_FEATURES)
        + "0\n"
        + &"2,".repeat(MAX_FEATURES)
        + "1\n"
        + &"3,".repeat(MAX_FEATURES)
        + "1\n";
    assert_eq!(parse_csv(&widest, 0.34, 1).unwrap().train.features(), MAX_FEATURES);
    let huge = " ".repeat(MAX_CSV_BYTES + 1);
    assert_eq!(
        parse_csv(&huge, 0.2, 1).unwrap_err().message,
        "the CSV text must be at most 64 MiB (67108864 bytes), got 67108865 bytes"
    );
}

#[test]
fn the_test_fraction_must_be_strictly_between_0_and_1() {
    for fraction in [0.0, 1.0, -0.5, f64::NAN, f64::INFINITY] {
        let error = parse_csv("1,0\n2,1\n3,0\n", fraction, 1).unwrap_err();
        assert_eq!(error.field, "test fraction");
        assert!(error.message.starts_with("test fraction must be greater than 0 and less than 1, got"));
    }
}
