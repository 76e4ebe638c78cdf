/** jsdom has no modal dialogs: `showModal` and `close` only open and close (ModalDialog uses them). */
export function fakeModalDialogs(): void {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.open = false;
  };
}
