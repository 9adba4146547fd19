import { useEffect, useState } from "react";
import { Modal, StyleSheet, Text, View } from "react-native";

import { strings } from "../strings";
import { theme } from "../theme";
import { Button } from "./Button";

export type MessageLevel = "info" | "success" | "warning" | "error";

interface Message {
  id: number;
  text: string;
  level: MessageLevel;
}

interface Question {
  text: string;
  answer: (yes: boolean) => void;
}

let nextId = 1;
let showListener: ((m: Message) => void) | null = null;
let askListener: ((q: Question) => void) | null = null;

/** Show a short message at the bottom of the screen. */
export function showMessage(text: string, level: MessageLevel = "info"): void {
  showListener?.({ id: nextId++, text, level });
}

/** Ask the user a yes/no question. */
export function confirm(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (askListener) askListener({ text, answer: resolve });
    else resolve(false);
  });
}

/** Renders messages and confirmations; put it once at the root of the app. */
export function FeedbackHost() {
  const [messages, setMessages] = useState<Message[]>([]);
  const [question, setQuestion] = useState<Question | null>(null);
  useEffect(() => {
    showListener = (m) => {
      setMessages((all) => [...all.slice(-2), m]);
      setTimeout(() => setMessages((all) => all.filter((x) => x.id !== m.id)), 4000);
    };
    askListener = setQuestion;
    return () => {
      showListener = null;
      askListener = null;
    };
  }, []);
  const answer = (yes: boolean): void => {
    question?.answer(yes);
    setQuestion(null);
  };
  return (
    <>
      <View pointerEvents="box-none" style={styles.messages}>
        {messages.map((m) => (
          <View key={m.id} accessibilityRole="alert" accessibilityLiveRegion="polite"
            style={[styles.message, { backgroundColor: tones[m.level] }]}>
            <Text style={styles.messageText}>{m.text}</Text>
          </View>
        ))}
      </View>
      <Modal visible={question !== null} transparent animationType="fade" onRequestClose={() => answer(false)}>
        <View style={styles.backdrop}>
          <View accessibilityRole="alert" style={styles.dialog}>
            <Text style={styles.question}>{question?.text}</Text>
            <View style={styles.buttons}>
              <Button title={strings.t("fc.cancel")} variant="text" onPress={() => answer(false)} />
              <Button title={strings.t("fc.ok")} variant="danger" onPress={() => answer(true)} />
            </View>
          </View>
        </View>
      </Modal>
    </>
  );
}

const tones: Record<MessageLevel, string> = {
  info: "#323232",
  success: "#2e7d32",
  warning: "#a15c00",
  error: theme.colors.danger,
};

const styles = StyleSheet.create({
  messages: { position: "absolute", left: 16, right: 16, bottom: 56, gap: 8 },
  message: { borderRadius: theme.radius, paddingHorizontal: 16, paddingVertical: 12 },
  messageText: { color: "#ffffff", fontSize: 15 },
  backdrop: { flex: 1, backgroundColor: "rgba(0,0,0,0.35)", justifyContent: "center", padding: 24 },
  dialog: { backgroundColor: theme.colors.background, borderRadius: theme.radius, padding: 20, gap: 16 },
  question: { fontSize: 16, color: theme.colors.text },
  buttons: { flexDirection: "row", justifyContent: "flex-end", gap: 8 },
});
