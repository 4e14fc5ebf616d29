import { readTypedCommand } from "../../../bot/conversation/chat-input";

describe("readTypedCommand", () => {
  it.each<[string, string]>([
    ["뒤로", "back"], ["이전 질문", "back"], ["back", "back"],
    ["처음으로", "restart"], ["처음부터 다시 시작", "restart"], ["start over", "restart"],
    ["?", "help"], ["도움말", "help"],
    ["상담원", "human"], ["상담원 연결해 주세요", "human"], ["센터 연결해줘", "human"], ["talk to a person", "human"],
    ["내 정보 삭제", "erase"], ["내 정보 삭제해 주세요", "erase"], ["기록 지워 주세요", "erase"], ["대화 삭제해줘", "erase"], ["please delete my data", "erase"], ["Forget me", "erase"],
    ["예약 확인", "my_booking"], ["예약 확인해 주세요", "my_booking"], ["my booking", "my_booking"],
    ["예약 변경", "change_booking"], ["예약 바꾸기", "change_booking"],
    ["예약 취소", "cancel_booking"], ["예약 취소할래요", "cancel_booking"], ["예약 취소해 주세요", "cancel_booking"],
    ["더보기", "more"],
  ])("when %p is typed, then it is the %s command", (text, command) => {
    expect(readTypedCommand(text)).toBe(command);
  });

  it.each(["네", "아니요", "2500만원", "요", "주세요", "도움이 필요해요", "처음엔 괜찮았어요", "예약", "삭제된 줄 알았어요", "카드 빚 지워 주는 제도 있나요", "please"])(
    "when %p is typed, then it is an answer, not a command",
    (text) => {
      expect(readTypedCommand(text)).toBeUndefined();
    },
  );
});
